using Argus.Model;
using Argus.Store;
using Argus.Telemetry;
using Argus.Tests.Store.Blocks;
using Argus.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Abstractions;

namespace Argus.Tests.Faults;

/// <summary>
/// Disk full while a block is written: a compaction of backfilled blocks, and the head's oldest range being persisted. The
/// storage directory is a small tmpfs (real ENOSPC). The write fails and is counted in
/// prometheus_tsdb_compactions_failed_total and logged; its <c>*.tmp-for-creation</c> directory is removed, the inputs
/// (blocks, or the head) stay loaded and answer queries as before, and the next maintenance pass, once there is room,
/// finishes the job. The first test runs the real process across a restart, the other two drive <see cref="Db"/> directly
/// so the retry by the next pass (every minute in the server) needs no waiting.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DiskFullCompactionTests(ITestOutputHelper output) : IDisposable
{
    private const int Series = 400;
    private const long StepMs = 15_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-faults-diskfull-compaction-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IEnumerable<(long, long)> Ranges(long start, int n) =>
        Enumerable.Range(0, n).Select(i => (start + (i * FaultBlocks.TwoHoursMs), start + ((i + 1) * FaultBlocks.TwoHoursMs)));

    [TmpfsFact]
    public async Task Compaction_DiskFull_FailsCleanly_KeepsServing_CompactsAfterRestartWithSpace()
    {
        using var disk = Tmpfs.Mount(32);
        string data = Path.Combine(disk.Path, "data");
        long start = FaultBlocks.AlignedHoursAgo(12), end = start + (4 * FaultBlocks.TwoHoursMs);
        long samples = FaultBlocks.Write(data, Series, StepMs, Ranges(start, 4));
        // Room for the WAL and the small files of a start-up, not for a 6h block of 3/4 of the data.
        disk.Fill(leaveBytes: 512 * 1024);
        int port = PeerProcess.FreePort();
        string config = StorageFaultProcess.WriteConfig(_dir, port);
        string countQuery = $"sum(count_over_time({FaultBlocks.Metric}[{(end - start) / 1000}s]))";
        string perSeries = $"sum_over_time({FaultBlocks.Metric}{{id=~\"000..\"}}[{(end - start) / 1000}s])";
        string expected;

        await using (var argus = StorageFaultProcess.Start(data, config, port, output))
        {
            await argus.WaitReadyAsync(TimeSpan.FromSeconds(30));
            await Poll.UntilAsync(async () => await argus.MetricAsync("prometheus_tsdb_compactions_failed_total") >= 1,
                TimeSpan.FromSeconds(30), argus.DiedBecause);
            Assert.Contains("No space left on device", argus.Output, StringComparison.Ordinal);
            Assert.Contains("Compaction of blocks", argus.Output, StringComparison.Ordinal);
            Assert.Empty(FaultBlocks.TmpDirs(data));          // the partial output was removed
            Assert.Equal(4, FaultBlocks.BlockDirs(data).Length);
            Assert.Equal(4, await argus.MetricAsync("prometheus_tsdb_blocks_loaded"));
            Assert.Equal(0, await argus.MetricAsync("prometheus_tsdb_compactions_total"));
            Assert.Equal(200, await Poll.StatusAsync(argus.Http, "/-/healthy"));
            Assert.Equal(samples.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Value(await argus.QueryAsync(countQuery, end - 1)));
            expected = await argus.QueryAsync(perSeries, end - 1);
            Assert.Equal(100, expected.Split('\n').Length);
            Assert.Equal(0, await argus.StopAsync());
        }

        disk.Free();
        await using (var again = StorageFaultProcess.Start(data, config, port, output))
        {
            await again.WaitReadyAsync(TimeSpan.FromSeconds(30));
            await Poll.UntilAsync(async () => await again.MetricAsync("prometheus_tsdb_compactions_total") >= 1,
                TimeSpan.FromSeconds(60), again.DiedBecause);
            Assert.Equal(2, await again.MetricAsync("prometheus_tsdb_blocks_loaded"));
            Assert.Equal(0, await again.MetricAsync("prometheus_tsdb_compactions_failed_total"));
            Assert.Equal(expected, await again.QueryAsync(perSeries, end - 1));
            Assert.Equal(samples.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Value(await again.QueryAsync(countQuery, end - 1)));
            Assert.Empty(FaultBlocks.TmpDirs(data));
            Assert.Equal(2, FaultBlocks.BlockDirs(data).Length);
        }
    }

    [TmpfsFact]
    public async Task Maintain_CompactionDiskFull_NextPassWithSpaceCompacts()
    {
        using var disk = Tmpfs.Mount(32);
        string data = Path.Combine(disk.Path, "data");
        long start = FaultBlocks.AlignedHoursAgo(12), end = start + (4 * FaultBlocks.TwoHoursMs);
        FaultBlocks.Write(data, Series, StepMs, Ranges(start, 4));
        var metrics = new MetricsRegistry();
        await using var db = Db.Open(new DbOptions { Path = data }, metrics, NullLoggerFactory.Instance);
        var before = Read(db, start, end);
        disk.Fill(leaveBytes: 256 * 1024);

        db.Maintain(end);   // compaction fails: counted, not thrown (the pass goes on to retention)
        Assert.Equal(1, Metric(metrics, "prometheus_tsdb_compactions_failed_total"));
        Assert.Equal(4, db.Blocks.Count);
        Assert.Empty(FaultBlocks.TmpDirs(data));
        Assert.Equal(before, Read(db, start, end));

        disk.Free();
        db.Maintain(end);
        Assert.Equal(1, Metric(metrics, "prometheus_tsdb_compactions_total"));
        Assert.Equal(2, db.Blocks.Count);
        Assert.Equal(2, FaultBlocks.BlockDirs(data).Length);
        Assert.Empty(FaultBlocks.TmpDirs(data));
        Assert.Equal(before, Read(db, start, end));
    }

    [TmpfsFact]
    public async Task Maintain_HeadBlockDiskFull_HeadKeepsData_NextPassWithSpacePersists()
    {
        using var disk = Tmpfs.Mount(16);
        string data = Path.Combine(disk.Path, "data");
        var metrics = new MetricsRegistry();
        await using var db = Db.Open(new DbOptions { Path = data }, metrics, NullLoggerFactory.Instance);
        const long H = 3600_000;
        var refs = new SeriesRef[Series];
        var labels = Enumerable.Range(0, Series).Select(i => Labels.FromStrings(Labels.MetricName, FaultBlocks.Metric, "id", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        for (long t = 0; t < 4 * H; t += StepMs)
        {
            var app = db.Appender();
            for (int i = 0; i < Series; i++) app.Append(ref refs[i], labels[i], t, (t / StepMs) + i);
            app.Commit();
        }
        var before = Read(db, 0, 4 * H);
        disk.Fill();

        var e = Assert.ThrowsAny<IOException>(() => db.Maintain(4 * H));   // the server's loop logs it and retries next tick
        Assert.Contains("No space left on device", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, Metric(metrics, "prometheus_tsdb_compactions_failed_total"));
        Assert.Empty(db.Blocks);
        Assert.Empty(FaultBlocks.TmpDirs(data));
        Assert.Equal(0, db.Head.MinTime);   // nothing truncated: the head still holds it all
        Assert.Equal(before, Read(db, 0, 4 * H));

        disk.Free();
        db.Maintain(4 * H);
        Assert.Single(db.Blocks);
        Assert.True(db.Head.MinTime >= 2 * H);
        Assert.Empty(FaultBlocks.TmpDirs(data));
        Assert.Equal(before, Read(db, 0, 4 * H));
    }

    private static List<(Labels, long, double)> Read(Db db, long mint, long maxt)
    {
        using var q = db.Querier(mint, maxt);
        return StoreRead.Flat(q, new Matcher(MatcherType.Equal, Labels.MetricName, FaultBlocks.Metric));
    }

    private static double Metric(MetricsRegistry metrics, string name)
    {
        var families = new List<MetricFamily>();
        metrics.Collect(families);
        return families.Single(f => f.Name == name).Points[0].Value;
    }

    private static string Value(string queryAnswer) => queryAnswer[(queryAnswer.LastIndexOf(':') + 1)..];
}
