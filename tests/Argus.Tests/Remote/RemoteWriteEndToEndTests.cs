using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Argus.Tests.Testing;

namespace Argus.Tests.Remote;

/// <summary>
/// Remote write against Debian's Prometheus 2.42 in both directions. Samples are compared exactly (every timestamp and
/// value of every series of the job, read back as raw range vectors from both sides), up to a cut-off that the sender has
/// provably passed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RemoteWriteEndToEndTests : IDisposable
{
    private const string Prometheus = "/usr/bin/prometheus";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "argus-rw-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public RemoteWriteEndToEndTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        _http.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [PeerFact(Prometheus)]
    public async Task ArgusSendsToPrometheus_ReceiverStoppedAndRestarted_EverySampleArrivesOnce()
    {
        int receiverPort = PeerProcess.FreePort(), argusPort = PeerProcess.FreePort();
        string receiverData = Path.Combine(_dir, "receiver");
        File.WriteAllText(Path.Combine(_dir, "receiver.yml"), "global:\n  scrape_interval: 1m\n");
        File.WriteAllText(Path.Combine(_dir, "argus.yml"), $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: self
                static_configs:
                  - targets: ['127.0.0.1:{argusPort}']
            remote_write:
              - url: http://127.0.0.1:{receiverPort}/api/v1/write
                queue_config:
                  batch_send_deadline: 500ms
                  min_backoff: 50ms
                  max_backoff: 500ms
            """);
        var receiver = await StartPrometheusAsync(receiverPort, receiverData, "--web.enable-remote-write-receiver");
        await using var argus = ArgusProcess.Start("--config.file", Path.Combine(_dir, "argus.yml"), "--storage.tsdb.path",
            Path.Combine(_dir, "argus"), "--web.listen-address", $"127.0.0.1:{argusPort}");
        string argusUrl = $"http://127.0.0.1:{argusPort}";
        try
        {
            await Poll.UntilAsync(async () => await StatusAsync(argusUrl + "/-/ready") == 200, TimeSpan.FromSeconds(30),
                () => argus.HasExited ? "argus exited:\n" + argus.Output : null);
            await Task.Delay(TimeSpan.FromSeconds(4));
            await StopAsync(receiver);                               // the outage: Argus retries, the WAL holds the data
            await Task.Delay(TimeSpan.FromSeconds(5));
            receiver = await StartPrometheusAsync(receiverPort, receiverData, "--web.enable-remote-write-receiver");
            await Task.Delay(TimeSpan.FromSeconds(2));

            long cutoff = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            // Everything up to the cut-off left Argus once its highest sent timestamp is well past it.
            await Poll.UntilAsync(async () => await ScalarAsync(argusUrl, "max(prometheus_remote_storage_queue_highest_sent_timestamp_seconds)") * 1000 > cutoff + 3000,
                TimeSpan.FromSeconds(60), () => argus.HasExited ? "argus exited:\n" + argus.Output : null);
            await Task.Delay(TimeSpan.FromSeconds(1));

            var sent = await RawAsync(argusUrl, "{job=\"self\"}", cutoff);
            var received = await RawAsync(receiver.Url, "{job=\"self\"}", cutoff);
            Assert.True(sent.Count > 50, $"only {sent.Count} series scraped");
            Assert.True(await ScalarAsync(argusUrl, "sum(prometheus_remote_storage_samples_retried_total)") > 0, "the outage caused no retries");
            AssertSame(sent, received);
        }
        finally
        {
            await StopAsync(receiver);
        }
    }

    [PeerFact(Prometheus)]
    public async Task PrometheusSendsToArgus_EverySampleArrives()
    {
        int argusPort = PeerProcess.FreePort(), senderPort = PeerProcess.FreePort();
        await using var argus = ArgusProcess.Start("--storage.tsdb.path", Path.Combine(_dir, "argus"), "--web.listen-address",
            $"127.0.0.1:{argusPort}", "--web.enable-remote-write-receiver", "--rules.builtin=false");
        string argusUrl = $"http://127.0.0.1:{argusPort}";
        await Poll.UntilAsync(async () => await StatusAsync(argusUrl + "/-/ready") == 200, TimeSpan.FromSeconds(30),
            () => argus.HasExited ? "argus exited:\n" + argus.Output : null);
        File.WriteAllText(Path.Combine(_dir, "sender.yml"), $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: prom
                static_configs:
                  - targets: ['127.0.0.1:{senderPort}']
            remote_write:
              - url: {argusUrl}/api/v1/write
                queue_config:
                  batch_send_deadline: 500ms
            """);
        var sender = await StartPrometheusAsync(senderPort, Path.Combine(_dir, "sender"), configFile: Path.Combine(_dir, "sender.yml"));
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(6));
            long cutoff = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await Poll.UntilAsync(async () => await ScalarAsync(sender.Url, "max(prometheus_remote_storage_queue_highest_sent_timestamp_seconds)") * 1000 > cutoff + 3000,
                TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(1));
            var sent = await RawAsync(sender.Url, "{job=\"prom\"}", cutoff);
            var received = await RawAsync(argusUrl, "{job=\"prom\"}", cutoff);
            Assert.True(sent.Count > 50, $"only {sent.Count} series scraped");
            Assert.Equal(0, await ScalarAsync(sender.Url, "sum(prometheus_remote_storage_samples_failed_total)"));
            AssertSame(sent, received);
        }
        finally
        {
            await StopAsync(sender);
        }
    }

    private static void AssertSame(Dictionary<string, List<(long, string)>> sent, Dictionary<string, List<(long, string)>> received)
    {
        var missing = sent.Keys.Except(received.Keys).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} series never arrived, e.g. {string.Join(", ", missing.Take(3))}");
        foreach (var (series, samples) in sent)
        {
            // Samples before the first one received predate the sender's WAL watcher (it starts at the WAL's end, as Prometheus's).
            var got = received[series];
            Assert.True(samples.SequenceEqual(got), $"{series}: sent {samples.Count} samples, received {got.Count}: " +
                $"sent {string.Join(' ', samples.Take(5))}… received {string.Join(' ', got.Take(5))}…");
        }
        var extra = received.Keys.Except(sent.Keys).ToList();
        Assert.True(extra.Count == 0, $"{extra.Count} series arrived that were not sent, e.g. {string.Join(", ", extra.Take(3))}");
    }

    /// <summary>Every raw sample of the selector up to <paramref name="atMs"/>, by series (labels as text), from a range-vector query.</summary>
    private async Task<Dictionary<string, List<(long T, string V)>>> RawAsync(string baseUrl, string selector, long atMs)
    {
        string time = (atMs / 1000.0).ToString("F3", CultureInfo.InvariantCulture);
        string url = $"{baseUrl}/api/v1/query?query={Uri.EscapeDataString(selector + "[10m]")}&time={time}";
        using var doc = JsonDocument.Parse(await _http.GetStringAsync(url));
        var result = new Dictionary<string, List<(long, string)>>();
        foreach (var series in doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            string labels = string.Join(",", series.GetProperty("metric").EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => $"{p.Name}={p.Value.GetString()}"));
            result[labels] = series.GetProperty("values").EnumerateArray()
                .Select(v => ((long)Math.Round(v[0].GetDouble() * 1000), Normalize(v[1].GetString()!))).ToList();
        }
        return result;
    }

    /// <summary>Values compared as doubles: two servers may print the same float differently (1e+06 vs 1000000).</summary>
    private static string Normalize(string v) =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? BitConverter.DoubleToUInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture) : v;

    private async Task<double> ScalarAsync(string baseUrl, string query)
    {
        try
        {
            using var doc = JsonDocument.Parse(await _http.GetStringAsync($"{baseUrl}/api/v1/query?query={Uri.EscapeDataString(query)}"));
            var result = doc.RootElement.GetProperty("data").GetProperty("result");
            return result.GetArrayLength() == 0 ? double.NaN : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return double.NaN;
        }
    }

    private async Task<int> StatusAsync(string url)
    {
        try
        {
            using var r = await _http.GetAsync(url);
            return (int)r.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    private sealed record Peer(Process Process, string Url);

    /// <summary>Prometheus on a port chosen by the test, so that it can be restarted where the sender expects it.</summary>
    private async Task<Peer> StartPrometheusAsync(int port, string data, string? flag = null, string? configFile = null)
    {
        var psi = new ProcessStartInfo(Prometheus) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("--config.file=" + (configFile ?? Path.Combine(_dir, "receiver.yml")));
        psi.ArgumentList.Add("--storage.tsdb.path=" + data);
        psi.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");
        if (flag is not null) psi.ArgumentList.Add(flag);
        var process = Process.Start(psi)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var peer = new Peer(process, $"http://127.0.0.1:{port}");
        await Poll.UntilAsync(async () => await StatusAsync(peer.Url + "/-/ready") == 200, TimeSpan.FromSeconds(30),
            () => process.HasExited ? $"prometheus exited with {process.ExitCode}" : null);
        return peer;
    }

    private static async Task StopAsync(Peer peer)
    {
        if (peer.Process.HasExited) return;
        peer.Process.Kill();   // SIGKILL: the receiver goes away without warning
        await peer.Process.WaitForExitAsync();
    }
}
