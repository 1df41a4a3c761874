using Argus.Model;
using Argus.Store.Blocks;

namespace Argus.Tests.Store.Blocks;

public sealed class BlockTests : IDisposable
{
    private const long H2 = 2 * 3600_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-block-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (Block Block, Dictionary<Labels, Sample[]> Data) WriteBlock(int series = 60, long step = 15_000)
    {
        var data = StoreRead.Generate(series, 0, H2 + 10 * step, step);
        using var source = new MemoryQuerier(data, long.MinValue, long.MaxValue);
        var meta = BlockWriter.Write(_dir, source, 0, H2, null, nowMs: 1_700_000_000_000)!;
        return (Block.Open(Path.Combine(_dir, meta.Ulid)), data);
    }

    [Fact]
    public void Write_Open_RoundTripsEverySampleInRange()
    {
        var (block, data) = WriteBlock();
        using var _ = block;
        using var q = block.Querier(0, H2 - 1);
        using var oracle = new MemoryQuerier(data, 0, H2 - 1);
        var got = StoreRead.All(q);
        var want = StoreRead.All(oracle);
        Assert.Equal(want.Count, got.Count);
        for (int i = 0; i < want.Count; i++)
        {
            Assert.Equal(want[i].Labels, got[i].Labels);
            Assert.Equal(want[i].Samples, got[i].Samples);
        }
        Assert.Equal(want.Sum(s => s.Samples.Count), block.Meta.Stats.NumSamples);
        Assert.Equal(60, block.Meta.Stats.NumSeries);
        Assert.Equal(1, block.Meta.Compaction.Level);
        Assert.Equal([block.Meta.Ulid], block.Meta.Compaction.Sources);
        // 480 samples per series at 15 s → 4 chunks of 120.
        Assert.Equal(60 * 4, block.Meta.Stats.NumChunks);
        Assert.DoesNotContain(Directory.GetDirectories(_dir), d => d.Contains(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Querier_SubRange_ClipsSamplesAndSkipsEmptySeries()
    {
        var (block, data) = WriteBlock();
        using var _ = block;
        using var q = block.Querier(3_600_000, 3_700_000);
        using var oracle = new MemoryQuerier(data, 3_600_000, 3_700_000);
        var got = StoreRead.All(q);
        var want = StoreRead.All(oracle);
        Assert.Equal(want.Select(w => w.Samples), got.Select(g => g.Samples));
        using var outside = block.Querier(H2, H2 + 1000);
        Assert.Empty(StoreRead.All(outside));
    }

    public static TheoryData<string, MatcherType, string> Selections => new()
    {
        { "job", MatcherType.Equal, "job1" },
        { "job", MatcherType.NotEqual, "job1" },
        { "job", MatcherType.Regexp, "job1|job3" },           // literal set
        { "instance", MatcherType.Regexp, "10\\.0\\.0\\.1.*" }, // literal prefix
        { "instance", MatcherType.Regexp, ".*:9100" },       // scan
        { "job", MatcherType.NotRegexp, "job[02]" },
        { "job", MatcherType.Equal, "" },                   // label absent: nothing but none lack it
        { "nolabel", MatcherType.Equal, "" },               // every series lacks it
        { "nolabel", MatcherType.Regexp, ".+" },            // none has it
        { "__name__", MatcherType.Regexp, "u.*" },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public void Select_Matcher_AgreesWithBruteForce(string name, MatcherType type, string value)
    {
        var (block, data) = WriteBlock();
        using var _ = block;
        var matchers = new[] { new Matcher(MatcherType.Regexp, "__name__", ".+"), new Matcher(type, name, value) };
        using var q = block.Querier(0, H2 - 1);
        using var oracle = new MemoryQuerier(data, 0, H2 - 1);
        Assert.Equal(StoreRead.All(oracle, matchers).Select(s => s.Labels), StoreRead.All(q, matchers).Select(s => s.Labels));
    }

    [Fact]
    public void LabelNamesAndValues_MatchTheData()
    {
        var (block, _) = WriteBlock();
        using var b = block;
        using var q = block.Querier(0, H2);
        Assert.Equal(["__name__", "instance", "job"], q.LabelNames());
        Assert.Equal(["job0", "job1", "job2", "job3"], q.LabelValues("job"));
        Assert.Equal(["http_requests_total", "up"], q.LabelValues("__name__"));
        Assert.Equal(["job3"], q.LabelValues("job", Matcher.Equal("instance", "10.0.0.3:9100")));
        Assert.Equal(["__name__", "instance", "job"], q.LabelNames(Matcher.Equal("job", "job3")));
    }

    [Fact]
    public void Iterator_Seek_LandsOnFirstSampleAtOrAfter()
    {
        var (block, data) = WriteBlock(series: 3, step: 10_000);
        using var _ = block;
        using var q = block.Querier(0, H2);
        var set = q.Select(true, Matcher.Equal("job", "job1"));
        Assert.True(set.Next());
        var want = data[set.At.Labels];
        var it = set.At.Iterator();
        Assert.True(it.Seek(3_000_001));
        Assert.Equal(want.First(s => s.T >= 3_000_001), new Sample(it.T, it.V));
        Assert.True(it.Seek(10)); // never moves backwards
        Assert.Equal(want.First(s => s.T >= 3_000_001).T, it.T);
        Assert.True(it.Next());
        Assert.Equal(want.First(s => s.T > 3_000_001).T + 10_000, it.T);
        Assert.False(it.Seek(H2));
    }

    [Fact]
    public void Write_EmptyRange_ReturnsNullAndLeavesNothing()
    {
        using var source = new MemoryQuerier(StoreRead.Generate(5, 0, 1000, 100), long.MinValue, long.MaxValue);
        Assert.Null(BlockWriter.Write(_dir, source, H2, 2 * H2, null, 1));
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Open_CorruptIndex_ThrowsNamingTheFile()
    {
        var (block, _) = WriteBlock(series: 5);
        block.Dispose();
        string index = Path.Combine(block.Dir, "index");
        var bytes = File.ReadAllBytes(index);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(index, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Block.Open(block.Dir));
        Assert.Contains(index, e.Message);
        Assert.Contains("checksum", e.Message);
    }

    [Fact]
    public void Open_MissingMeta_Throws()
    {
        var (block, _) = WriteBlock(series: 2);
        block.Dispose();
        File.Delete(Path.Combine(block.Dir, "meta.json"));
        Assert.ThrowsAny<IOException>(() => Block.Open(block.Dir));
    }

    [Fact]
    public void Dispose_WithOpenQuerier_KeepsItReadableAndRefusesNewOnes()
    {
        var (block, _) = WriteBlock(series: 4);
        var q = block.Querier(0, H2);
        block.Dispose();
        Assert.Equal(4, StoreRead.All(q).Count);
        q.Dispose();
        Assert.Throws<ObjectDisposedException>(() => block.Querier(0, H2));
    }

    [Fact]
    public void Ulid_RoundTripsThroughText_AndSortsByTime()
    {
        var a = Ulid.New(1_000);
        var b = Ulid.New(2_000);
        Assert.Equal(a, Ulid.Parse(a.ToString()));
        Assert.Equal(1_000, a.TimestampMs);
        Assert.True(string.CompareOrdinal(a.ToString(), b.ToString()) < 0);
        Assert.Equal(26, a.ToString().Length);
    }
}
