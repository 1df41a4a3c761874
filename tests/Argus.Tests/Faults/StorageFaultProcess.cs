using System.Globalization;
using System.Text.Json;
using Argus.Tests.Testing;
using Xunit.Abstractions;

namespace Argus.Tests.Faults;

/// <summary>
/// One run of the real <c>argus</c> process over a given storage directory, for the disk-full and crash-loop tests: start,
/// wait for /-/ready, read self-metrics from /metrics (which answers even when the store cannot write), query, and kill.
/// Several runs over the same directory, one after the other, make a restart or a crash loop.
/// </summary>
internal sealed class StorageFaultProcess : IAsyncDisposable
{
    private readonly ArgusProcess _argus;
    private readonly ITestOutputHelper? _log;

    private StorageFaultProcess(ArgusProcess argus, int port, ITestOutputHelper? log)
    {
        _argus = argus;
        _log = log;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    public ArgusProcess Process => _argus;

    public string Output => _argus.Output;

    /// <summary>Why the process is gone (with everything it printed), or null while it runs: for <see cref="Poll.UntilAsync"/>.</summary>
    public string? DiedBecause() => _argus.HasExited ? "argus exited:\n" + _argus.Output : null;

    /// <summary>
    /// Starts argus on <paramref name="port"/> with <paramref name="dataDir"/> as --storage.tsdb.path; returns without
    /// waiting. With <paramref name="log"/>, everything the process printed goes to the test's output when it is disposed.
    /// </summary>
    public static StorageFaultProcess Start(string dataDir, string configFile, int port, ITestOutputHelper? log, params string[] args)
    {
        string[] all = ["--config.file=" + configFile, "--storage.tsdb.path=" + dataDir, $"--web.listen-address=127.0.0.1:{port}", .. args];
        return new StorageFaultProcess(ArgusProcess.Start(all), port, log);
    }

    /// <summary>Writes a prometheus.yml that scrapes argus itself every second, plus <paramref name="more"/> verbatim.</summary>
    public static string WriteConfig(string dir, int port, string more = "")
    {
        string path = Path.Combine(dir, "prometheus.yml");
        File.WriteAllText(path, $$"""
            global: {scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s}
            scrape_configs:
            - job_name: argus
              static_configs: [{targets: ['127.0.0.1:{{port}}']}]
            {{more}}
            """);
        return path;
    }

    public async Task WaitReadyAsync(TimeSpan timeout) =>
        await Poll.UntilAsync(async () => await Poll.StatusAsync(Http, "/-/ready") == 200, timeout, DiedBecause);

    /// <summary>The sum of every sample of <paramref name="name"/> in /metrics (0 when absent).</summary>
    public async Task<double> MetricAsync(string name)
    {
        string text = await Http.GetStringAsync("/metrics");
        double sum = 0;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal)) continue;
            if (line.Length > name.Length && line[name.Length] is not (' ' or '{')) continue;
            sum += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        return sum;
    }

    /// <summary>An instant query's result as "labels → [t:v, …]" lines, sorted, so two answers compare as strings.</summary>
    public async Task<string> QueryAsync(string expr, long timeMs)
    {
        string url = $"/api/v1/query?query={Uri.EscapeDataString(expr)}&time={(timeMs / 1000.0).ToString("F3", CultureInfo.InvariantCulture)}";
        using var response = await Http.GetAsync(url);
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        var lines = new List<string>();
        foreach (var r in doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            string labels = string.Join(",", r.GetProperty("metric").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").Order(StringComparer.Ordinal));
            IEnumerable<JsonElement> points = r.TryGetProperty("values", out var values) ? values.EnumerateArray() : [r.GetProperty("value")];
            lines.Add(labels + " → " + string.Join(" ", points.Select(p => $"{p[0].GetDouble().ToString("F3", CultureInfo.InvariantCulture)}:{p[1].GetString()}")));
        }
        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }

    /// <summary>The timestamps (ms) of the samples an instant range-vector query returns, across all its series.</summary>
    public async Task<SortedSet<string>> SamplesAsync(string rangeSelector, long timeMs)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in (await QueryAsync(rangeSelector, timeMs)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int arrow = line.IndexOf(" → ", StringComparison.Ordinal);
            foreach (var p in line[(arrow + 3)..].Split(' ')) set.Add(line[..arrow] + "@" + p);
        }
        return set;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        // A watch may have killed it already and the runtime reaped it: a second kill then finds no such process (ESRCH).
        if (!_argus.HasExited)
        {
            try
            {
                _argus.Signal(ArgusProcess.SIGKILL);
            }
            catch (InvalidOperationException) when (_argus.HasExited)
            {
            }
        }
        await _argus.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM and wait for a clean exit (code 0).</summary>
    public async Task<int> StopAsync()
    {
        _argus.Signal(ArgusProcess.SIGTERM);
        return await _argus.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        string output = _argus.Output;
        await _argus.DisposeAsync();
        _log?.WriteLine($"--- argus output ---\n{output}");
    }
}
