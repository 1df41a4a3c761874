using Argus.Model;
using Argus.Store.Blocks;
using CsCheck;

namespace Argus.Tests.Store.Blocks;

public sealed class BlockRoundTripTests
{
    private static readonly Gen<double> s_values = Gen.Frequency(
        (4, Gen.Double),
        (2, Gen.Long[-1000, 1000].Select(l => (double)l)),
        (1, Gen.Int[0, 6].Select(i => new[] { double.NaN, StaleNaN.Value, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.MaxValue }[i])));

    private static readonly Gen<string> s_labelValues = Gen.OneOf(
        Gen.String[Gen.Char.AlphaNumeric, 1, 12],
        Gen.String[Gen.Char, 1, 8].Where(s => s.All(c => !char.IsSurrogate(c))), // any BMP text, including quotes and newlines
        Gen.Const("ünïcödé ✓"));

    // A set of series: distinct label sets, each with strictly increasing timestamps (gaps exercising every dod bucket).
    private static readonly Gen<Dictionary<Labels, Sample[]>> s_data =
        Gen.Select(s_labelValues, s_labelValues, Gen.Long[1, 1L << 22].Array[1, 400], s_values.Array[400])
            .Array[1, 12]
            .Select(rows =>
            {
                var d = new Dictionary<Labels, Sample[]>();
                long start = -3_600_000;
                foreach (var (a, b, gaps, values) in rows)
                {
                    var labels = Labels.FromStrings("__name__", "m_" + a.Length, "a", a, "b", b);
                    var samples = new Sample[gaps.Length];
                    long t = start;
                    for (int i = 0; i < gaps.Length; i++)
                    {
                        t += gaps[i];
                        samples[i] = new Sample(t, values[i]);
                    }
                    d[labels] = samples;
                }
                return d;
            });

    [Fact]
    public void WriteThenRead_AnySeries_RoundTripsBitExactly()
    {
        s_data.Sample(data =>
        {
            string dir = Directory.CreateTempSubdirectory("argus-roundtrip-").FullName;
            try
            {
                long mint = data.Values.Min(s => s[0].T), maxt = data.Values.Max(s => s[^1].T) + 1;
                using var source = new MemoryQuerier(data, long.MinValue, long.MaxValue);
                var meta = BlockWriter.Write(dir, source, mint, maxt, null, 1, segmentBytes: 4096)!; // tiny segments: many cuts
                using var block = Block.Open(Path.Combine(dir, meta.Ulid));
                using var q = block.Querier(mint, maxt - 1);
                using var oracle = new MemoryQuerier(data, mint, maxt - 1);
                var want = StoreRead.All(oracle);
                var got = StoreRead.All(q);
                Assert.Equal(want.Select(w => w.Labels), got.Select(g => g.Labels));
                for (int i = 0; i < want.Count; i++)
                {
                    Assert.Equal(want[i].Samples.Select(s => (s.T, BitConverter.DoubleToUInt64Bits(s.V))),
                        got[i].Samples.Select(s => (s.T, BitConverter.DoubleToUInt64Bits(s.V))));
                }
                Assert.Equal(want.Sum(w => w.Samples.Count), meta.Stats.NumSamples);
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }, iter: 60);
    }

    [Fact]
    public void Iterate_TruncatedChunkSegment_ThrowsNamingTheChunk()
    {
        string dir = Directory.CreateTempSubdirectory("argus-truncated-").FullName;
        try
        {
            var data = StoreRead.Generate(3, 0, 3_600_000, 15_000);
            using var source = new MemoryQuerier(data, long.MinValue, long.MaxValue);
            var meta = BlockWriter.Write(dir, source, 0, 3_600_000, null, 1)!;
            string segment = Path.Combine(dir, meta.Ulid, "chunks", "000001");
            using (var fs = new FileStream(segment, FileMode.Open)) fs.SetLength(fs.Length - 50);
            using var block = Block.Open(Path.Combine(dir, meta.Ulid));
            using var q = block.Querier(0, 3_600_000);
            var e = Assert.Throws<InvalidDataException>(() => StoreRead.All(q));
            Assert.Contains("000001", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
