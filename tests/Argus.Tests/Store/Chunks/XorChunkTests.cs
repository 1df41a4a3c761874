using Argus.Model;
using Argus.Store.Chunks;
using CsCheck;

namespace Argus.Tests.Store.Chunks;

public sealed class XorChunkTests
{
    private static readonly Gen<double> s_specialDoubles = Gen.Int[0, 11].Select(i => new[] {
        0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, StaleNaN.Value,
        BitConverter.UInt64BitsToDouble(0x7ff8_0000_dead_beefUL), double.Epsilon, double.MaxValue, double.MinValue, 1.0, 42.5 }[i]);

    private static readonly Gen<double> s_values = Gen.Frequency(
        (3, Gen.Double),
        (2, s_specialDoubles),
        (2, Gen.Long[-1000, 1000].Select(l => (double)l)),
        (1, Gen.ULong.Select(BitConverter.UInt64BitsToDouble)));

    // Timestamp gaps: mostly regular, sometimes jittered, sometimes huge (every dod bucket including the 64-bit one).
    private static readonly Gen<long> s_gaps = Gen.Frequency(
        (4, Gen.Const(15_000L)),
        (3, Gen.Long[1, 20_000]),
        (2, Gen.Long[1, 1L << 21]),
        (1, Gen.Long[1, 1L << 40]));

    private static readonly Gen<(long Start, long[] Gaps, double[] Values)> s_series =
        from start in Gen.Long[-(1L << 45), 1L << 45]
        from n in Gen.Int[1, 300]
        from gaps in s_gaps.Array[n]
        from values in s_values.Array[n]
        select (start, gaps, values);

    [Fact]
    public void RoundTripsAnySequenceBitExactly()
    {
        s_series.Sample(s =>
        {
            var chunk = new XorChunk();
            var ts = new long[s.Values.Length];
            long t = s.Start;
            for (int i = 0; i < ts.Length; i++)
            {
                t += s.Gaps[i];
                ts[i] = t;
                chunk.Append(t, s.Values[i]);
            }
            var it = new XorIterator(chunk.Snapshot());
            for (int i = 0; i < ts.Length; i++)
            {
                Assert.True(it.Next(), $"ended after {i} of {ts.Length}: {it.Error}");
                Assert.Equal(ts[i], it.T);
                Assert.Equal(BitConverter.DoubleToUInt64Bits(s.Values[i]), BitConverter.DoubleToUInt64Bits(it.V));
            }
            Assert.False(it.Next());
            Assert.Null(it.Error);
            Assert.Equal(ts.Length, XorChunk.CountOf(chunk.Bytes));
        }, iter: 2000);
    }

    [Fact]
    public void SnapshotIsStableWhileWriterContinues()
    {
        var chunk = new XorChunk();
        for (int i = 0; i < 10; i++) chunk.Append(i * 1000, i * 1.5);
        var snap = chunk.Snapshot();
        for (int i = 10; i < 120; i++) chunk.Append(i * 1000, i * 1.5);
        var it = new XorIterator(snap);
        int n = 0;
        while (it.Next()) Assert.Equal(n++ * 1.5, it.V);
        Assert.Equal(10, n);
    }

    [Fact]
    public void MatchesPrometheusBytesForKnownInput()
    {
        // Regular 15 s scrapes of a slowly growing counter: the first sample costs 2+varint+8 bytes, then ~1-2 bytes each.
        var chunk = new XorChunk();
        for (int i = 0; i < 120; i++) chunk.Append(1_700_000_000_000 + i * 15_000L, 1000 + i);
        Assert.InRange(chunk.Size, 100, 400);
        var it = new XorIterator(chunk.Snapshot());
        Assert.True(it.Seek(1_700_000_000_000 + 60 * 15_000L));
        Assert.Equal(1060, it.V);
    }

    [Fact]
    public void TruncatedChunkReportsErrorInsteadOfThrowing()
    {
        var chunk = new XorChunk();
        for (int i = 0; i < 50; i++) chunk.Append(i * 15_000L, Math.Sin(i));
        var bytes = chunk.ToArray();
        var it = new XorIterator(new ChunkSnapshot(bytes, bytes.Length / 2, 50));
        int n = 0;
        while (it.Next()) n++;
        Assert.InRange(n, 1, 49);
        Assert.NotNull(it.Error);
    }
}
