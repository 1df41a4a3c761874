using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Argus.Collect.Exposition;
using Argus.Collect.Node;
using Argus.Model;
using Xunit.Abstractions;

namespace Argus.Tests.Collect.Node;

/// <summary>
/// Runs Debian's real node-exporter beside <see cref="NodeCollector"/> on this machine and compares the two: the same
/// families (name, type, HELP), the same label sets, and agreeing values. The exporter is scraped before and after
/// Argus collects, so a counter must lie between its two readings and a gauge near them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NodeExporterComparisonTests(ITestOutputHelper output)
{
    // The exporter's selection flags are given explicitly and Argus gets the same values, so Debian's patched defaults
    // (netdev excludes lo, mount points exclude /run, /mnt, /media) do not stand between the two.
    private static readonly NodeOptions s_options = new() { NetdevDeviceExclude = "^lo$" };

    // Families node-exporter 1.5 emits that Argus deliberately does not (see docs/host-metrics.md).
    private static readonly HashSet<string> s_onlyInExporter = [];

    // Gauges that move between two reads, with the absolute slack allowed beyond the exporter's before/after range.
    private static readonly (string Prefix, double Slack)[] s_gaugeSlack =
    [
        ("node_memory_", 256.0 * 1024 * 1024),   // page cache and free memory move with the build running beside us
        ("node_load", 2),
        ("node_procs_", 16),
        ("node_filefd_allocated", 2000),
        ("node_filesystem_free_bytes", 1L << 30),
        ("node_filesystem_avail_bytes", 1L << 30),
        ("node_filesystem_files_free", 100_000),
        ("node_time_seconds", 1),
        ("node_timex_", 1),
        ("node_disk_io_now", 64),
        ("node_nf_conntrack_entries", 1000),
    ];

    [NodeExporterFact]
    public async Task Collect_SameHostAsNodeExporter_SameSeriesAndAgreeingValues()
    {
        int port = Argus.Tests.Testing.PeerProcess.FreePort();
        var args = new List<string>
        {
            $"--web.listen-address=127.0.0.1:{port}",
            "--collector.disable-defaults",
            $"--collector.filesystem.mount-points-exclude={s_options.FilesystemMountPointsExclude}",
            $"--collector.filesystem.fs-types-exclude={s_options.FilesystemFsTypesExclude}",
            $"--collector.diskstats.device-exclude={s_options.DiskstatsDeviceExclude}",
            $"--collector.netdev.device-exclude={s_options.NetdevDeviceExclude}",
            $"--collector.netclass.ignored-devices={s_options.NetclassIgnoredDevices}",
        };
        args.AddRange(NodeCollector.DefaultCollectorNames.Select(n => $"--collector.{n}"));
        var start = new ProcessStartInfo(NodeExporterFactAttribute.Binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in args) start.ArgumentList.Add(a);

        using var exporter = Process.Start(start)!;
        var log = new StringBuilder();
        exporter.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        exporter.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            string url = $"http://127.0.0.1:{port}/metrics";
            await WaitUntilServingAsync(http, url, exporter, log);

            Scrape before = Parse(await http.GetByteArrayAsync(url));
            var argus = new List<MetricFamily>();
            NodeCollector.CreateDefault(s_options, TimeProvider.System).Collect(argus);
            Scrape after = Parse(await http.GetByteArrayAsync(url));

            Compare(before, after, argus);
        }
        finally
        {
            exporter.Kill(entireProcessTree: true);
            await exporter.WaitForExitAsync();
        }
    }

    private void Compare(Scrape before, Scrape after, List<MetricFamily> argus)
    {
        var problems = new List<string>();
        var ours = argus.Where(f => !f.Name.StartsWith("node_scrape_collector_", StringComparison.Ordinal))
            .Where(f => f.Points.Count > 0).ToDictionary(f => f.Name);
        var theirs = before.Families.Keys.Where(IsCollectorFamily).ToHashSet();

        foreach (string name in theirs.Except(ours.Keys).Except(s_onlyInExporter).Order())
            problems.Add($"{name}: exported by node-exporter, missing in Argus");
        foreach (string name in ours.Keys.Except(theirs).Order())
            problems.Add($"{name}: exported by Argus, not by node-exporter");

        foreach ((string name, MetricFamily family) in ours.Where(kv => theirs.Contains(kv.Key)).OrderBy(kv => kv.Key))
        {
            (MetricType type, string help) = before.Families[name];
            if (type != family.Type) problems.Add($"{name}: type {family.Type}, node-exporter says {type}");
            if (help != family.Help) problems.Add($"{name}: HELP \"{family.Help}\", node-exporter says \"{help}\"");
            var b = before.Series.Where(s => s.Key.MetricNameValue == name).ToDictionary();
            var a = after.Series.Where(s => s.Key.MetricNameValue == name).ToDictionary();
            foreach (MetricPoint p in family.Points)
            {
                if (!b.TryGetValue(p.Labels, out double v0) || !a.TryGetValue(p.Labels, out double v1))
                {
                    problems.Add($"{p.Labels}: only in Argus");
                    continue;
                }
                if (!Agrees(name, family.Type, p.Value, v0, v1, out string why))
                    problems.Add($"{p.Labels}: Argus {p.Value}, node-exporter {v0} then {v1}: {why}");
            }
            foreach (Labels l in b.Keys.Where(l => !family.Points.Any(p => p.Labels.Equals(l))))
                problems.Add($"{l}: only in node-exporter");
        }
        output.WriteLine($"compared {ours.Count} families, {ours.Values.Sum(f => f.Points.Count)} series: {string.Join(' ', ours.Keys.Order())}");
        // Guard against a vacuous pass: the families the shipped rules and dashboards use must have been compared.
        foreach (string used in new[] { "node_cpu_seconds_total", "node_memory_MemAvailable_bytes", "node_load1", "node_filesystem_avail_bytes",
                     "node_disk_io_time_seconds_total", "node_network_receive_bytes_total", "node_uname_info", "node_time_seconds",
                     "node_boot_time_seconds", "node_network_up", "node_vmstat_pgmajfault", "node_filefd_allocated", "node_timex_offset_seconds" })
        {
            if (!ours.ContainsKey(used) || !theirs.Contains(used)) problems.Add($"{used}: not compared (absent on one side)");
        }
        foreach (string p in problems) output.WriteLine(p);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static bool Agrees(string name, MetricType type, double ours, double before, double after, out string why)
    {
        double lo = Math.Min(before, after), hi = Math.Max(before, after);
        if (name.EndsWith("_info", StringComparison.Ordinal))
        {
            why = "info metrics must be exactly equal";
            return ours == before && ours == after;
        }
        if (type == MetricType.Counter || name.StartsWith("node_vmstat_", StringComparison.Ordinal)) // vmstat: untyped counters
        {
            // Between the two reads; a relative 1e-12 covers float rounding of the same integer through different paths.
            double slack = 1e-12 * Math.Abs(hi);
            why = "counter outside the exporter's before/after range";
            return ours >= lo - slack && ours <= hi + slack;
        }
        double abs = s_gaugeSlack.FirstOrDefault(g => name.StartsWith(g.Prefix, StringComparison.Ordinal)).Slack;
        why = $"gauge further than {abs} from the exporter's range";
        return ours >= lo - abs && ours <= hi + abs;
    }

    private static bool IsCollectorFamily(string name) =>
        name.StartsWith("node_", StringComparison.Ordinal) && !name.StartsWith("node_scrape_collector_", StringComparison.Ordinal) &&
        name != "node_exporter_build_info" && !name.StartsWith("node_textfile_", StringComparison.Ordinal);

    private sealed record Scrape(Dictionary<string, (MetricType Type, string Help)> Families, Dictionary<Labels, double> Series);

    private static Scrape Parse(byte[] body)
    {
        var families = new Dictionary<string, (MetricType, string)>();
        var helps = new Dictionary<string, string>();
        var parser = new ExpositionParser(body, ExpositionFormat.PrometheusText);
        ExpositionEntry entry;
        while ((entry = parser.Next()) != ExpositionEntry.Eof)
        {
            if (entry == ExpositionEntry.Help) helps[Encoding.UTF8.GetString(parser.MetadataName)] = parser.Help();
            if (entry == ExpositionEntry.Type) families[Encoding.UTF8.GetString(parser.MetadataName)] = (parser.Type, "");
        }
        foreach (string name in families.Keys.ToList())
            families[name] = (families[name].Item1, helps.GetValueOrDefault(name, ""));
        var series = ExpositionParser.ParseAll(body, ExpositionFormat.PrometheusText).ToDictionary(s => s.Labels, s => s.Value);
        return new Scrape(families, series);
    }

    private static async Task WaitUntilServingAsync(HttpClient http, string url, Process exporter, StringBuilder log)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            if (exporter.HasExited)
            {
                throw new InvalidOperationException($"node-exporter exited with {exporter.ExitCode}: {log}");
            }
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"node-exporter did not serve {url} within 10 s: {log}");
    }
}
