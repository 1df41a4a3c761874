using Argus.Model;
using Argus.Remote.Write;
using Argus.Store.Wal;
using Argus.Telemetry;
using Argus.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Remote.Write;

public sealed class WalWatcherTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "argus-walwatcher-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static RefSeries Series(ulong r, string job) => new(new SeriesRef(r), Labels.FromStrings("__name__", "up", "job", job));

    private static RefSample At(ulong r, long t, double v) => new(new SeriesRef(r), t, v);

    [Fact]
    public async Task Run_TailsSegmentsAndCheckpoints_SendsEverySampleAfterStartOnce()
    {
        using var wal = WriteAheadLog.Open(_dir, new WalOptions { SegmentSizeBytes = 64 * 1024 }, NullLogger.Instance, new MetricsRegistry());
        wal.Log([Series(1, "a"), Series(2, "b")], [At(1, 100, 1), At(2, 100, 2)]);   // before the start time: not sent

        var endpoint = new FakeRemoteWriteEndpoint();
        var config = QueueManagerTests.Config();
        var q = config.QueueConfig;
        var metrics = new QueueMetrics(new MetricsRegistry(), "test", config.Url, q.MinShards, q.MaxShards, q.Capacity);
        var client = new RemoteWriteClient(endpoint.Client(), new Uri(config.Url), config.RemoteTimeout, false, TimeProvider.System);
        await using var queue = new QueueManager(config, [], client, metrics, TimeProvider.System, NullLogger.Instance);
        queue.Start();
        var watcher = new WalWatcher(_dir, queue, startMs: 100, TimeProvider.System, NullLogger.Instance) { ReadPeriod = TimeSpan.FromMilliseconds(5) };
        using var stop = new CancellationTokenSource();
        var run = watcher.RunAsync(stop.Token);

        wal.Log([], [At(1, 200, 3), At(2, 200, 4)]);   // the live segment, read while it grows
        await Poll.UntilAsync(() => Task.FromResult(endpoint.Accepted().Count == 2), TimeSpan.FromSeconds(20));

        // Many records: a segment of 64 KiB fills and the writer cuts to the next one while the watcher tails.
        for (int i = 0; i < 2000; i++) wal.Log([], [At(1, 300 + i, i), At(2, 300 + i, -i)]);
        wal.Log([Series(3, "c")], [At(3, 5000, 7)]);
        Assert.True(wal.CurrentSegment > 0);
        await Poll.UntilAsync(() => Task.FromResult(endpoint.Accepted().Count == 4003), TimeSpan.FromSeconds(30));

        // A checkpoint that drops series 2: the watcher reads it and forgets 2, keeps 1 and 3.
        int last = wal.NextSegment() - 1;
        wal.Checkpoint(last, r => r.Value != 2, mint: 0);
        await Poll.UntilAsync(() => Task.FromResult(queue.SeriesCount == 2), TimeSpan.FromSeconds(20));
        wal.Log([], [At(1, 6000, 1), At(2, 6000, 2)]);
        await Poll.UntilAsync(() => Task.FromResult(endpoint.Accepted().Count == 4004 && metrics.SamplesDropped.Value == 1), TimeSpan.FromSeconds(20));

        await stop.CancelAsync();
        await run;
        var accepted = endpoint.Accepted();
        Assert.DoesNotContain(accepted, s => s.Sample.T <= 100);
        foreach (var series in accepted.GroupBy(s => s.Labels))
        {
            var times = series.Select(s => s.Sample.T).ToList();
            Assert.Equal(times.Distinct().Order(), times);   // in order, no duplicates
        }
        Assert.Equal(6000, metrics.HighestReadMs);
    }
}
