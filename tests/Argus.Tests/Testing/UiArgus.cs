using System.Net.Http.Json;
using System.Text.Json;

namespace Argus.Tests.Testing;

/// <summary>
/// A real <c>argus</c> process with data for the browser tests: it scrapes itself every second (hundreds of series), evaluates
/// an always-firing alert (<see cref="AlertName"/>, on <c>up{job="argus"}</c>) every second, and runs the built-in Alertmanager
/// with a receiver that sends nowhere, so silences can be made and expired. Before it starts, <see cref="LoadSeries"/> series
/// <c>ui_load{series="0".."499"}</c> with <see cref="LoadPoints"/> points each, <see cref="LoadStepSeconds"/> apart and ending
/// at <see cref="LoadEndMs"/>, are backfilled (argus tsdb import openmetrics) so charts can be tested at that size.
/// </summary>
public sealed class UiArgus : IAsyncDisposable
{
    public const string AlertName = "ArgusUp";
    public const int LoadSeries = 500;
    public const int LoadPoints = 1000;
    public const int LoadStepSeconds = 15;

    private readonly string _dir;
    private readonly ArgusProcess _process;

    private UiArgus(string dir, int port, ArgusProcess process)
    {
        _dir = dir;
        Port = port;
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int Port { get; }

    /// <summary>The timestamp of the last backfilled point of every <c>ui_load</c> series (epoch ms, a whole step).</summary>
    public long LoadEndMs { get; private init; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public HttpClient Http { get; }
    public string Output => _process.Output;

    public static async Task<UiArgus> StartAsync()
    {
        string dir = Directory.CreateTempSubdirectory("argus-ui-").FullName;
        int port = PeerProcess.FreePort();
        await File.WriteAllTextAsync(Path.Combine(dir, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: [alerts.yml]
            scrape_configs:
              - job_name: argus
                static_configs:
                  - targets: ['127.0.0.1:{port}']
                    labels:
                      env: test
            """);
        await File.WriteAllTextAsync(Path.Combine(dir, "alerts.yml"), $$$"""
            groups:
              - name: ui
                rules:
                  - alert: {{{AlertName}}}
                    expr: up{job="argus"} == 1
                    labels:
                      severity: info
                    annotations:
                      summary: 'Argus {{ $labels.instance }} is up'
                  - record: job:up:sum
                    expr: sum by (job) (up)
            """);
        await File.WriteAllTextAsync(Path.Combine(dir, "alertmanager.yml"), """
            route:
              receiver: nowhere
              group_wait: 1s
            receivers:
              - name: nowhere
            """);
        long loadEndMs = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / LoadStepSeconds * LoadStepSeconds * 1000 - 60_000;
        new Argus.Collect.Backfill.OpenMetricsImporter().Import(LoadOpenMetrics(loadEndMs), Path.Combine(dir, "data"),
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var process = ArgusProcess.Start(
            "--config.file=" + Path.Combine(dir, "prometheus.yml"),
            "--storage.tsdb.path=" + Path.Combine(dir, "data"),
            $"--web.listen-address=127.0.0.1:{port}",
            "--alertmanager.config.file=" + Path.Combine(dir, "alertmanager.yml"),
            "--log.level=warn");
        var argus = new UiArgus(dir, port, process) { LoadEndMs = loadEndMs };
        try
        {
            await Poll.UntilAsync(async () => await Poll.StatusAsync(argus.Http, "/-/ready") == 200, TimeSpan.FromSeconds(60),
                () => process.HasExited ? "argus exited:\n" + process.Output : null);
            await Poll.UntilAsync(argus.AlertFiringAsync, TimeSpan.FromSeconds(30),
                () => process.HasExited ? "argus exited:\n" + process.Output : null);
        }
        catch
        {
            await argus.DisposeAsync();
            throw;
        }
        return argus;
    }

    /// <summary>OpenMetrics text of the ui_load series: each a phase-shifted sine around its index, series after series.</summary>
    private static byte[] LoadOpenMetrics(long endMs)
    {
        var text = new System.Text.StringBuilder(LoadSeries * LoadPoints * 40);
        text.Append("# HELP ui_load Synthetic load for chart tests.\n# TYPE ui_load gauge\n");
        long firstSeconds = endMs / 1000 - (long)(LoadPoints - 1) * LoadStepSeconds;
        for (int s = 0; s < LoadSeries; s++)
        {
            for (int i = 0; i < LoadPoints; i++)
            {
                long t = firstSeconds + (long)i * LoadStepSeconds;
                double v = s + Math.Sin(i / 40.0 + s);
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"ui_load{{series=\"{s}\"}} {v:R} {t}\n");
            }
        }
        text.Append("# EOF\n");
        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Whether <see cref="AlertName"/> is firing in the rule engine.</summary>
    public async Task<bool> AlertFiringAsync()
    {
        try
        {
            using var doc = JsonDocument.Parse(await Http.GetStringAsync("/api/v1/alerts"));
            return doc.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
                .Any(a => a.GetProperty("labels").GetProperty("alertname").GetString() == AlertName && a.GetProperty("state").GetString() == "firing");
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The built-in Alertmanager's silences as (id, state, matchers text).</summary>
    public async Task<List<(string Id, string State, string Matchers)>> SilencesAsync()
    {
        var list = await Http.GetFromJsonAsync<JsonElement>("/api/v2/silences");
        return [.. list.EnumerateArray().Select(s => (
            s.GetProperty("id").GetString()!,
            s.GetProperty("status").GetProperty("state").GetString()!,
            string.Join(",", s.GetProperty("matchers").EnumerateArray().Select(m => $"{m.GetProperty("name").GetString()}={m.GetProperty("value").GetString()}"))))];
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
