using Argus.Model;
using Argus.Store;
using Argus.Store.Head;
using Argus.Telemetry;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Bench;

/// <summary>
/// Appends one scrape of 1,000 known series (cached refs, as the scrape loop passes them) and commits it, without a WAL.
/// Allocated bytes per operation are the appender object plus chunk storage (a new chunk every 120 scrapes, buffer growth):
/// nothing per sample.
/// </summary>
[MemoryDiagnoser]
public class HeadAppendBenchmarks
{
    private const int SeriesCount = 1_000;
    private Head _head = null!;
    private Labels[] _labels = [];
    private SeriesRef[] _refs = [];
    private long _t;

    [GlobalSetup]
    public void Setup()
    {
        _head = new Head(new HeadOptions(), null, new MetricsRegistry(), NullLogger.Instance);
        _labels = Enumerable.Range(0, SeriesCount)
            .Select(i => Labels.FromStrings("__name__", "node_cpu_seconds_total", "cpu", (i / 8).ToString(System.Globalization.CultureInfo.InvariantCulture), "mode", "m" + (i % 8), "instance", "host:9100"))
            .ToArray();
        _refs = new SeriesRef[SeriesCount];
        _t = 1_700_000_000_000;
        AppendScrape(); // create the series: the benchmark measures known series only
    }

    [GlobalCleanup]
    public void Cleanup() => _head.Dispose();

    [Benchmark(OperationsPerInvoke = SeriesCount)]
    public void AppendScrape()
    {
        _t += 15_000;
        var app = _head.Appender();
        for (int i = 0; i < SeriesCount; i++) app.Append(ref _refs[i], _labels[i], _t, i + _t * 0.001);
        app.Commit();
    }
}
