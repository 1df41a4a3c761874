using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Argus.Collect.Exposition;
using BenchmarkDotNet.Attributes;

namespace Argus.Bench;

/// <summary>
/// Scrape-body parse throughput on a node-exporter-like body generated in code (shaped after node_exporter 1.5.0:
/// HELP/TYPE per family, go_* summaries, per-cpu counters, per-device gauges, values like 1.394664e+06).
/// <see cref="BodyBytes"/> and <see cref="Samples"/> are printed at setup so MB/s and samples/s follow from the mean.
/// <c>KnownSeries</c> is the steady-state scrape: every series hits a cache keyed by its raw bytes and must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class ExpositionParserBenchmarks
{
    private byte[] _body = [];
    private Dictionary<byte[], int> _cache = new(RawSeriesComparer.Instance);

    public int BodyBytes => _body.Length;

    public int Samples { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _body = NodeExporterLikeBody();
        _cache = new Dictionary<byte[], int>(RawSeriesComparer.Instance);
        var p = new ExpositionParser(_body, ExpositionFormat.PrometheusText);
        ExpositionEntry e;
        while ((e = p.Next()) != ExpositionEntry.Eof)
        {
            if (e == ExpositionEntry.Series) _cache[p.SeriesBytes.ToArray()] = _cache.Count;
        }
        Samples = _cache.Count;
        Console.WriteLine($"// exposition body: {BodyBytes} bytes, {Samples} samples");
    }

    /// <summary>Steady state: parse every entry and resolve each series through the raw-bytes cache.</summary>
    [Benchmark(Baseline = true)]
    public long KnownSeries()
    {
        var lookup = _cache.GetAlternateLookup<ReadOnlySpan<byte>>();
        long refs = 0;
        double sum = 0;
        var p = new ExpositionParser(_body, ExpositionFormat.PrometheusText);
        ExpositionEntry e;
        while ((e = p.Next()) != ExpositionEntry.Eof)
        {
            if (e != ExpositionEntry.Series) continue;
            if (lookup.TryGetValue(p.SeriesBytes, out int r)) refs += r;
            sum += p.Value;
        }
        return refs + (long)sum;
    }

    /// <summary>Parser alone: tokenising, validation and float parsing, no lookups.</summary>
    [Benchmark]
    public double ParseOnly()
    {
        double sum = 0;
        var p = new ExpositionParser(_body, ExpositionFormat.PrometheusText);
        while (p.Next() != ExpositionEntry.Eof)
        {
            sum += p.Value;
        }
        return sum;
    }

    /// <summary>First scrape of a target: every series misses the cache and builds its label set.</summary>
    [Benchmark]
    public int AllSeriesNew()
    {
        int n = 0;
        var p = new ExpositionParser(_body, ExpositionFormat.PrometheusText);
        ExpositionEntry e;
        while ((e = p.Next()) != ExpositionEntry.Eof)
        {
            if (e == ExpositionEntry.Series) n += p.BuildLabels().Count;
        }
        return n;
    }

    internal static byte[] NodeExporterLikeBody()
    {
        var sb = new StringBuilder(64 * 1024);
        var rnd = new Random(1);
        string V() => (rnd.Next(4) switch
        {
            0 => rnd.Next(0, 100).ToString(CultureInfo.InvariantCulture),
            1 => (rnd.NextDouble() * 1e7).ToString("0.######e+00", CultureInfo.InvariantCulture),
            2 => (rnd.NextDouble() * 1e5).ToString("0.##", CultureInfo.InvariantCulture),
            _ => (rnd.NextDouble() / 1e3).ToString("R", CultureInfo.InvariantCulture),
        });
        void Family(string name, string type, string help, IEnumerable<string> labelSets)
        {
            sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
            sb.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
            foreach (string labels in labelSets) sb.Append(name).Append(labels).Append(' ').Append(V()).Append('\n');
        }

        sb.Append("# HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.\n# TYPE go_gc_duration_seconds summary\n");
        foreach (string q in new[] { "0", "0.25", "0.5", "0.75", "1" }) sb.Append("go_gc_duration_seconds{quantile=\"").Append(q).Append("\"} ").Append(V()).Append('\n');
        sb.Append("go_gc_duration_seconds_sum 0.000122853\ngo_gc_duration_seconds_count 2\n");
        for (int i = 0; i < 25; i++) Family($"go_memstats_stat_{i}_bytes", "gauge", $"Number of bytes of Go memory statistic {i}.", [""]);
        string[] modes = ["idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"];
        Family("node_cpu_seconds_total", "counter", "Seconds the CPUs spent in each mode.",
            Enumerable.Range(0, 4).SelectMany(c => modes.Select(m => $"{{cpu=\"{c}\",mode=\"{m}\"}}")));
        string[] collectors = Enumerable.Range(0, 46).Select(i => $"collector{i}").ToArray();
        Family("node_scrape_collector_duration_seconds", "gauge", "node_exporter: Duration of a collector scrape.", collectors.Select(c => $"{{collector=\"{c}\"}}"));
        Family("node_scrape_collector_success", "gauge", "node_exporter: Whether a collector succeeded.", collectors.Select(c => $"{{collector=\"{c}\"}}"));
        string[] devices = ["eth0", "lo", "docker0", "veth1a2b3c"];
        for (int i = 0; i < 40; i++)
        {
            Family($"node_network_stat_{i}_total", "counter", $"Network device statistic {i}.", devices.Select(d => $"{{device=\"{d}\"}}"));
        }
        string[] disks = ["sda", "sda1", "sda2", "nvme0n1"];
        for (int i = 0; i < 15; i++)
        {
            Family($"node_disk_stat_{i}_total", "counter", $"Disk statistic {i}.", disks.Select(d => $"{{device=\"{d}\"}}"));
        }
        Family("node_filesystem_avail_bytes", "gauge", "Filesystem space available to non-root users in bytes.",
            disks.Select(d => $"{{device=\"/dev/{d}\",fstype=\"ext4\",mountpoint=\"/mnt/{d}\"}}"));
        for (int i = 0; i < 120; i++)
        {
            Family($"node_netstat_Stat{i}", "untyped", $"Statistic Stat{i}.", [""]);
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>Byte-array keys compared by content, with a span alternate so a lookup by the parser's bytes does not allocate.</summary>
    private sealed class RawSeriesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly RawSeriesComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => (int)XxHash3.HashToUInt64(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
