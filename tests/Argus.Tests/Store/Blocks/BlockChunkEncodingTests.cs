using Argus.Model;
using Argus.Store;
using Argus.Store.Blocks;
using Argus.Store.Chunks;
using Argus.Store.Compaction;
using CsCheck;

namespace Argus.Tests.Store.Blocks;

/// <summary>Blocks whose chunks mix XOR and decimal encodings: writing, reading, compacting, and reading version-1 blocks.</summary>
public sealed class BlockChunkEncodingTests : IDisposable
{
    private const long H2 = 2 * 3600_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-chunkenc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// Four series, 480 samples each (4 chunks): an integer counter and a 2-decimal gauge (decimal chunks), random doubles
    /// (XOR), and a gauge with one NaN in its second chunk and a stale marker in its last (decimal, XOR, decimal, XOR).
    /// </summary>
    internal static Dictionary<Labels, Sample[]> MixedSeries(long start)
    {
        var rnd = new Random(7);
        var counter = new Sample[480];
        var gauge = new Sample[480];
        var random = new Sample[480];
        var gaps = new Sample[480];
        long c = 1L << 33;
        for (int i = 0; i < 480; i++)
        {
            long t = start + i * 15_000L + (i % 50 == 0 ? 1 : 0);
            c += rnd.Next(0, 100_000);
            counter[i] = new Sample(t, c);
            gauge[i] = new Sample(t, Math.Round(20 + rnd.NextDouble() * 10, 2));
            random[i] = new Sample(t, rnd.NextDouble() * 1e6);
            gaps[i] = new Sample(t, i == 200 ? double.NaN : i == 479 ? StaleNaN.Value : Math.Round(rnd.NextDouble(), 3));
        }
        return new Dictionary<Labels, Sample[]>
        {
            [Labels.FromStrings("__name__", "bytes_total", "job", "a")] = counter,
            [Labels.FromStrings("__name__", "temperature", "job", "a")] = gauge,
            [Labels.FromStrings("__name__", "random", "job", "a")] = random,
            [Labels.FromStrings("__name__", "with_gaps", "job", "a")] = gaps,
        };
    }

    /// <summary>The encodings of every chunk of a block, series by series in index order.</summary>
    internal static List<ChunkEncoding> Encodings(string blockDir)
    {
        var index = new IndexReader(Path.Combine(blockDir, "index"));
        using var chunks = new ChunkSegmentReader(Path.Combine(blockDir, "chunks"));
        var metas = new List<ChunkMeta>();
        var buffer = new byte[256];
        var result = new List<ChunkEncoding>();
        foreach (ulong id in index.AllPostings())
        {
            metas.Clear();
            index.Series(id, metas);
            foreach (var m in metas) result.Add(chunks.Read(m, ref buffer).Encoding);
        }
        return result;
    }

    private static void AssertSameSamples(Dictionary<Labels, Sample[]> data, IQuerier q, long mint, long maxt)
    {
        using var oracle = new MemoryQuerier(data, mint, maxt);
        var want = StoreRead.All(oracle);
        var got = StoreRead.All(q);
        Assert.Equal(want.Select(w => w.Labels), got.Select(g => g.Labels));
        for (int i = 0; i < want.Count; i++)
        {
            Assert.Equal(want[i].Samples.Select(s => (s.T, BitConverter.DoubleToUInt64Bits(s.V))),
                got[i].Samples.Select(s => (s.T, BitConverter.DoubleToUInt64Bits(s.V))));
        }
    }

    private Block Write(Dictionary<Labels, Sample[]> data, long mint, long maxt, bool xorOnly = false)
    {
        using var source = new MemoryQuerier(data, long.MinValue, long.MaxValue);
        var meta = BlockWriter.Write(_dir, source, mint, maxt, null, nowMs: 1_700_000_000_000, xorOnly: xorOnly)!;
        return Block.Open(Path.Combine(_dir, meta.Ulid));
    }

    [Fact]
    public void Write_MixedValues_EachChunkInItsSmallerEncodingAndReadBack()
    {
        var data = MixedSeries(0);
        using var block = Write(data, 0, H2);

        // Index order: bytes_total, random, temperature, with_gaps.
        ChunkEncoding X = ChunkEncoding.Xor, D = ChunkEncoding.Decimal;
        Assert.Equal([D, D, D, D, X, X, X, X, D, D, D, D, D, X, D, X], Encodings(block.Dir));
        using var q = block.Querier(0, H2 - 1);
        AssertSameSamples(data, q, 0, H2 - 1);
        using var sub = block.Querier(3_000_000, 4_000_000); // a range starting and ending inside chunks
        AssertSameSamples(data, sub, 3_000_000, 4_000_000);
    }

    [Fact]
    public void Write_XorOnly_SameSamplesInLargerXorChunks()
    {
        var data = MixedSeries(0);
        using var mixed = Write(data, 0, H2);
        using var xor = Write(data, 0, H2, xorOnly: true);

        Assert.All(Encodings(xor.Dir), e => Assert.Equal(ChunkEncoding.Xor, e));
        using var q = xor.Querier(0, H2 - 1);
        AssertSameSamples(data, q, 0, H2 - 1);
        // Three of the four series are decimal; the random one (the largest) is XOR either way.
        Assert.True(mixed.ChunkBytes < 0.75 * xor.ChunkBytes, $"mixed {mixed.ChunkBytes} B, XOR only {xor.ChunkBytes} B");
    }

    [Fact]
    public void Open_VersionOneBlock_ReadsEverySampleBitExactly()
    {
        string dir = Assert.Single(Directory.GetDirectories(VersionOneBlockData.Dir()));
        Assert.Equal(1, File.ReadAllBytes(Path.Combine(dir, "chunks", "000001"))[4]); // no encoding bytes in this segment
        using var block = Block.Open(dir);
        using var q = block.Querier(block.MinTime, block.MaxTime - 1);
        AssertSameSamples(VersionOneBlockData.Series(), q, block.MinTime, block.MaxTime - 1);
        Assert.All(Encodings(dir), e => Assert.Equal(ChunkEncoding.Xor, e));
    }

    [Fact]
    public void Compact_VersionOneXorOnlyAndMixedBlocks_MergesEverySampleIntoMixedChunks()
    {
        // The v1 fixture covers [Start, Start + 2h); add a mixed block after it and an XOR-only block overlapping both.
        long start = VersionOneBlockData.Start;
        using var v1 = Block.Open(Assert.Single(Directory.GetDirectories(VersionOneBlockData.Dir())));
        var later = MixedSeries(start + H2);
        using var mixed = Write(later, start + H2, start + 2 * H2);
        var overlap = new Dictionary<Labels, Sample[]>
        {
            [Labels.FromStrings("__name__", "bytes_total", "job", "a")] = [.. Enumerable.Range(0, 100).Select(i => new Sample(start + 7_000_000 + i * 7_000L, i))],
        };
        using var xor = Write(overlap, start + 7_000_000, start + 7_700_001, xorOnly: true);

        var meta = Compactor.Compact(_dir, [v1, mixed, xor], nowMs: 1_700_000_000_000)!;
        using var compacted = Block.Open(Path.Combine(_dir, meta.Ulid));

        var all = new Dictionary<Labels, Sample[]>(VersionOneBlockData.Series());
        foreach (var (l, s) in later) all[l] = s;
        // Where timestamps are equal (one, past start + 2h) the earlier source's sample wins, as the merge querier does.
        var key = overlap.Keys.Single();
        all[key] = [.. all[key].Concat(overlap[key]).GroupBy(s => s.T).Select(g => g.First()).OrderBy(s => s.T)];
        using var q = compacted.Querier(compacted.MinTime, compacted.MaxTime - 1);
        AssertSameSamples(all, q, compacted.MinTime, compacted.MaxTime - 1);
        var encodings = Encodings(compacted.Dir);
        Assert.Contains(ChunkEncoding.Decimal, encodings);
        Assert.Contains(ChunkEncoding.Xor, encodings);
        Assert.Equal(2, meta.Compaction.Level);
    }

    // Series of decimal values at one random scale, with an occasional special value that forces its chunk to XOR.
    private static readonly Gen<Dictionary<Labels, Sample[]>> s_decimalData =
        Gen.Select(Gen.Int[0, 6], Gen.Long[-1_000_000, 1_000_000].Array[1, 400], Gen.Long[1, 100_000].Array[400], Gen.Int[0, 40])
            .Array[1, 8]
            .Select(rows =>
            {
                var d = new Dictionary<Labels, Sample[]>();
                for (int r = 0; r < rows.Length; r++)
                {
                    var (scale, ints, gaps, special) = rows[r];
                    var samples = new Sample[ints.Length];
                    long t = 1_000_000;
                    for (int i = 0; i < ints.Length; i++)
                    {
                        t += gaps[i];
                        double v = i == special * 10 ? (special % 2 == 0 ? StaleNaN.Value : -0.0) : ints[i] / Math.Pow(10, scale);
                        samples[i] = new Sample(t, v);
                    }
                    d[Labels.FromStrings("__name__", "m", "series", r.ToString(System.Globalization.CultureInfo.InvariantCulture))] = samples;
                }
                return d;
            });

    [Fact]
    public void WriteThenRead_DecimalSeries_RoundTripsBitExactly()
    {
        int decimalChunks = 0, xorChunks = 0;
        s_decimalData.Sample(data =>
        {
            string dir = Directory.CreateTempSubdirectory("argus-chunkenc-prop-").FullName;
            try
            {
                long mint = data.Values.Min(s => s[0].T), maxt = data.Values.Max(s => s[^1].T) + 1;
                using var source = new MemoryQuerier(data, long.MinValue, long.MaxValue);
                var meta = BlockWriter.Write(dir, source, mint, maxt, null, 1, segmentBytes: 2048)!;
                using var block = Block.Open(Path.Combine(dir, meta.Ulid));
                using var q = block.Querier(mint, maxt - 1);
                AssertSameSamples(data, q, mint, maxt - 1);
                var encodings = Encodings(block.Dir);
                Interlocked.Add(ref decimalChunks, encodings.Count(e => e == ChunkEncoding.Decimal));
                Interlocked.Add(ref xorChunks, encodings.Count(e => e == ChunkEncoding.Xor));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }, iter: 60);
        Assert.True(decimalChunks > 0 && xorChunks > 0, $"{decimalChunks} decimal and {xorChunks} XOR chunks: both encodings should be exercised");
    }

    [Fact]
    public void Iterate_UnknownEncodingByte_ThrowsNamingTheChunk()
    {
        var data = MixedSeries(0);
        string blockDir;
        using (var block = Write(data, 0, H2)) blockDir = block.Dir;
        string segment = Path.Combine(blockDir, "chunks", "000001");
        var bytes = File.ReadAllBytes(segment);
        Assert.Equal((byte)ChunkEncoding.Decimal, bytes[ChunkSegmentWriter.HeaderSize]); // the first chunk of bytes_total
        bytes[ChunkSegmentWriter.HeaderSize] = 0x7f;
        File.WriteAllBytes(segment, bytes);
        using var reopened = Block.Open(blockDir);
        using var q = reopened.Querier(0, H2 - 1);
        var e = Assert.Throws<InvalidDataException>(() => StoreRead.All(q));
        Assert.Contains("unknown chunk encoding 127", e.Message);
        Assert.Contains("bytes_total", e.Message);
    }
}
