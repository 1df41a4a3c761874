using System.Diagnostics;
using Argus.Model;
using Argus.Store;
using Argus.Telemetry;
using Argus.Tests.Store.Blocks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Store;

[Trait("Category", "Integration")]
public sealed class DbSnapshotTests : IDisposable
{
    private const long H = 3600_000;
    private const long Now = 1_800_000_000_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-snap-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Db Open(string path) =>
        Db.Open(new DbOptions { Path = path, RetentionTime = TimeSpan.FromDays(3650) }, new MetricsRegistry(), NullLoggerFactory.Instance);

    /// <summary>Five hours of two series: the first two hours end up in blocks, the rest stays in the head.</summary>
    private static void Fill(Db db)
    {
        var series = new[] { Labels.FromStrings("__name__", "up", "job", "a"), Labels.FromStrings("__name__", "load", "job", "b") };
        var refs = new SeriesRef[series.Length];
        for (long t = 0; t < 5 * H; t += 60_000)
        {
            var app = db.Appender();
            for (int i = 0; i < series.Length; i++) app.Append(ref refs[i], series[i], t, t / 60_000.0 + i);
            app.Commit();
        }
        db.Maintain(Now);
    }

    [Fact]
    public async Task Snapshot_WithHead_OpensAsStoreAndAnswersTheSame()
    {
        await using var db = Open(Path.Combine(_dir, "data"));
        Fill(db);
        Assert.NotEmpty(db.Blocks);
        string snap = Path.Combine(_dir, "data", "snapshots", "s1");

        int blocks = db.Snapshot(snap, withHead: true, Now);

        Assert.Equal(db.Blocks.Count + 1, blocks);
        Assert.False(Directory.Exists(Path.Combine(snap, "wal")));
        List<(Labels, List<Sample>)> expected;
        using (var q = db.Querier(0, 5 * H)) expected = StoreRead.All(q);
        await using var restored = Open(snap);
        using var r = restored.Querier(0, 5 * H);
        var got = StoreRead.All(r);
        Assert.Equal(expected.Select(s => s.Item1), got.Select(s => s.Item1));
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i].Item2, got[i].Item2);
        Assert.Equal(5 * H / 60_000, got[0].Item2.Count);
    }

    [Fact]
    public async Task Snapshot_SkipHead_OnlyHardLinkedBlocks()
    {
        await using var db = Open(Path.Combine(_dir, "data"));
        Fill(db);
        long persisted = db.Blocks.Max(b => b.MaxTime);
        string snap = Path.Combine(_dir, "snap2");

        Assert.Equal(db.Blocks.Count, db.Snapshot(snap, withHead: false, Now));

        var block = db.Blocks[0];
        string linked = Path.Combine(snap, Path.GetFileName(block.Dir), "index");
        Assert.Equal(2, LinkCount(linked)); // the same inode as the store's file: no data was copied
        await using var restored = Open(snap);
        using var r = restored.Querier(0, 5 * H);
        var got = StoreRead.All(r);
        Assert.All(got, s => Assert.True(s.Item2[^1].T < persisted, $"{s.Item1}: sample at {s.Item2[^1].T} is from the head"));
    }

    private static int LinkCount(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("stat", ["-c", "%h", path]) { RedirectStandardOutput = true })!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
