using Argus.Collect.Exposition;
using Argus.Collect.Scrape;
using Argus.Model;
using Argus.Store.Head;
using Argus.Telemetry;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Bench.Ingest;

/// <summary>
/// The ingestion path stage by stage, per sample (one operation = one round over all targets, reported per sample):
/// parsing alone, the scrape loop into a store that keeps nothing (parse + scrape cache + staleness), and the scrape loop
/// into a head without WAL. The WAL and HTTP are measured end to end by <see cref="IngestRunner"/>. Bodies as
/// <see cref="IngestBodies"/> renders them; allocations are per round, so "Allocated" / samples is the per-sample figure.
/// </summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private const int Targets = 10;
    private const int SeriesPerTarget = 1000;
    private const int SamplesPerRound = Targets * (SeriesPerTarget + 5);   // + up, scrape_duration_seconds, …
    private static readonly DateTimeOffset s_t0 = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    private byte[][][] _bodies = [];
    private ScrapeLoop[] _nullLoops = [];
    private ScrapeLoop[] _headLoops = [];
    private Head _head = null!;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _bodies = new byte[Targets][][];
        for (int k = 0; k < Targets; k++) _bodies[k] = IngestBodies.Render(k, SeriesPerTarget, 4, 30);
        _head = new Head(new HeadOptions(), null, new MetricsRegistry(), NullLogger.Instance);
        var nullStore = new NullAppendable();
        _nullLoops = NewLoops(nullStore);
        _headLoops = NewLoops(_head);
        for (int i = 0; i < 3; i++)
        {
            ScrapeToNullStore();
            ScrapeToHead();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _head.Dispose();

    [Benchmark(OperationsPerInvoke = Targets * SeriesPerTarget)]
    public int Parse()
    {
        int series = 0;
        var bodies = _bodies;
        int variant = _round++ % 4;
        for (int k = 0; k < bodies.Length; k++)
        {
            var parser = new ExpositionParser(bodies[k][variant], ExpositionFormat.PrometheusText);
            ExpositionEntry entry;
            while ((entry = parser.Next()) != ExpositionEntry.Eof)
            {
                if (entry == ExpositionEntry.Series) series++;
            }
        }
        return series;
    }

    [Benchmark(OperationsPerInvoke = SamplesPerRound)]
    public void ScrapeToNullStore() => Round(_nullLoops);

    [Benchmark(OperationsPerInvoke = SamplesPerRound)]
    public void ScrapeToHead() => Round(_headLoops);

    private void Round(ScrapeLoop[] loops)
    {
        var time = s_t0.AddSeconds(30 * _round++);
        foreach (var loop in loops)
        {
            // The sources complete synchronously, so the task has finished when it returns.
            var task = loop.ScrapeOnceAsync(time, CancellationToken.None);
            if (!task.IsCompletedSuccessfully) throw new InvalidOperationException("BUG: an in-process scrape did not complete synchronously");
        }
    }

    private ScrapeLoop[] NewLoops(Argus.Store.IAppendable store)
    {
        var loops = new ScrapeLoop[Targets];
        var options = new ScrapeLoopOptions { Interval = TimeSpan.FromSeconds(30) };
        var metrics = new ScrapeMetrics(new MetricsRegistry());
        for (int k = 0; k < Targets; k++)
        {
            string instance = $"node-{k:D4}:9100";
            var target = new Target("ingest", Labels.FromStrings("__address__", instance, "instance", instance, "job", "ingest"),
                Labels.Empty, options.Interval, options.Timeout, new Uri($"http://{instance}/metrics"));
            loops[k] = new ScrapeLoop(target, new RotatingScrapeSource(_bodies[k]), store, options, TimeProvider.System, NullLogger.Instance, metrics, 0);
        }
        return loops;
    }
}
