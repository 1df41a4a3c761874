using Argus.Model;
using Argus.Store.Chunks;
using CsCheck;

namespace Argus.Tests.Store.Chunks;

public sealed class DecimalChunkTests
{
    private static readonly double[] s_notDecimal =
    [
        -0.0, double.NaN, StaleNaN.Value, BitConverter.UInt64BitsToDouble(0x7ff8_0000_dead_beefUL), double.PositiveInfinity,
        double.NegativeInfinity, double.Epsilon, double.MaxValue, double.MinValue, 1e19, 1e-19, 1.0 / 3 * 1e-5,
    ];

    // Decimal values: integers of every magnitude scaled down by 10^k for one k per sequence (what the encoder is for).
    private static readonly Gen<long> s_integers = Gen.Frequency(
        (3, Gen.Long[-1000, 1000]),
        (2, Gen.Long[0, 1L << 40]),
        (1, Gen.Long[-(1L << 53), 1L << 53]),
        (1, Gen.Long));

    private static readonly Gen<long> s_gaps = Gen.Frequency(
        (4, Gen.Const(15_000L)),
        (3, Gen.Long[1, 20_000]),
        (1, Gen.Long[1, 1L << 40]));

    private static readonly Gen<(long[] T, long[] Ints, double[] V)> s_decimalChunks =
        from start in Gen.Long[-(1L << 45), 1L << 45]
        from scale in Gen.Int[0, DecimalChunkEncoder.MaxScale]
        from n in Gen.Int[1, 300]
        from gaps in s_gaps.Array[n]
        from ints in Gen.OneOf(s_integers.Array[n], Counter(n), Gauge(n))
        select (Timestamps(start, gaps), ints, ints.Select(i => i / Math.Pow(10, scale)).ToArray());

    // Any values at all: floats, specials, decimals, raw bit patterns, mixed within one chunk.
    private static readonly Gen<double> s_anyValue = Gen.Frequency(
        (3, Gen.Double),
        (3, Gen.Long[-100_000, 100_000].Select(l => l / 100.0)),
        (2, Gen.Int[0, s_notDecimal.Length - 1].Select(i => s_notDecimal[i])),
        (1, Gen.ULong.Select(BitConverter.UInt64BitsToDouble)));

    private static readonly Gen<(long[] T, double[] V)> s_anyChunks =
        from start in Gen.Long[-(1L << 45), 1L << 45]
        from n in Gen.Int[1, 300]
        from gaps in s_gaps.Array[n]
        from values in Gen.OneOf(s_anyValue.Array[n], Gen.Long[-100_000, 100_000].Select(l => l / 100.0).Array[n])
        select (Timestamps(start, gaps), values);

    private static Gen<long[]> Counter(int n) =>
        from first in Gen.Long[0, 1L << 40]
        from step in Gen.Long[0, 100_000]
        from noise in Gen.Long[0, 1000].Array[n]
        select Enumerable.Range(0, n).Select(i => first + i * step + noise[i]).ToArray();

    private static Gen<long[]> Gauge(int n) =>
        from mid in Gen.Long[-(1L << 30), 1L << 30]
        from jitter in Gen.Long[-5000, 5000].Array[n]
        select jitter.Select(j => (mid + j) * 4096).ToArray();

    private static long[] Timestamps(long start, long[] gaps)
    {
        var ts = new long[gaps.Length];
        long t = start;
        for (int i = 0; i < gaps.Length; i++) ts[i] = t += gaps[i];
        return ts;
    }

    private static void AssertDecodes(ReadOnlySpan<byte> encoded, long[] ts, double[] vs)
    {
        var it = new DecimalIterator();
        it.Reset(encoded.ToArray(), encoded.Length);
        for (int i = 0; i < ts.Length; i++)
        {
            Assert.True(it.Next(), $"ended after {i} of {ts.Length}: {it.Error}");
            Assert.Equal(ts[i], it.T);
            Assert.Equal(BitConverter.DoubleToUInt64Bits(vs[i]), BitConverter.DoubleToUInt64Bits(it.V));
        }
        Assert.False(it.Next());
        Assert.Null(it.Error);
    }

    [Fact]
    public void TryEncode_DecimalValues_EncodesAndRoundTripsBitExactly()
    {
        s_decimalChunks.Sample(c =>
        {
            var encoder = new DecimalChunkEncoder(); // Sample runs on several threads; an encoder is single-threaded
            // Every value is i / 10^k, correctly rounded; below 2^48, v × 10^k is within 1/4 of i, so i is recovered exactly.
            // Larger integers may round to a neighbour that does not give the value back: then XOR is the right answer.
            bool encoded = encoder.TryEncode(c.T, c.V, int.MaxValue, out var bytes);
            if (c.Ints.All(i => i > -(1L << 48) && i < 1L << 48)) Assert.True(encoded, "a decimal chunk fell back to XOR");
            if (encoded) AssertDecodes(bytes, c.T, c.V);
        }, iter: 2000);
    }

    [Fact]
    public void TryEncode_AnyValues_RoundTripsOrFallsBack()
    {
        s_anyChunks.Sample(c =>
        {
            var encoder = new DecimalChunkEncoder();
            bool encoded = encoder.TryEncode(c.T, c.V, int.MaxValue, out var bytes);
            if (encoded) AssertDecodes(bytes, c.T, c.V);
            // Values that no n / 10^k reproduces must leave the chunk to XOR.
            if (c.V.Any(v => !double.IsFinite(v) || BitConverter.DoubleToInt64Bits(v) == BitConverter.DoubleToInt64Bits(-0.0) || Math.Abs(v) >= 9.2e18))
            {
                Assert.False(encoded);
            }
        }, iter: 3000);
    }

    [Theory]
    [MemberData(nameof(NotDecimalIndexes))]
    public void TryEncode_OneValueNotADecimal_FallsBack(int index)
    {
        double[] vs = [1.5, 2.25, s_notDecimal[index], 4.0];
        long[] ts = [1000, 2000, 3000, 4000];
        Assert.False(new DecimalChunkEncoder().TryEncode(ts, vs, int.MaxValue, out _));
    }

    public static TheoryData<int> NotDecimalIndexes() => new(Enumerable.Range(0, s_notDecimal.Length));

    [Theory]
    [InlineData(0.1, 1)]
    [InlineData(12345.67, 2)]
    [InlineData(-0.0001, 4)]
    [InlineData(1e-18, 18)]
    [InlineData(4096, 0)]
    [InlineData(1e18, 0)]
    public void TryScale_ShortDecimal_SmallestScale(double v, int scale)
    {
        var n = new long[1];
        Assert.True(DecimalChunkEncoder.TryScale([v], n, out int k));
        Assert.Equal(scale, k);
        Assert.Equal(BitConverter.DoubleToInt64Bits(v), BitConverter.DoubleToInt64Bits(k == 0 ? n[0] : n[0] / Math.Pow(10, k)));
    }

    [Fact]
    public void TryEncode_RegularCounter_AboutOneBitPerValue()
    {
        // 120 samples at a 15 s interval of a counter rising by exactly 1000 per scrape: XOR spends ~20 bits a value.
        long[] ts = Enumerable.Range(0, 120).Select(i => 1_700_000_000_000 + i * 15_000L).ToArray();
        double[] vs = Enumerable.Range(0, 120).Select(i => 5_000_000.0 + 1000.0 * i).ToArray();
        var xor = new XorChunk();
        for (int i = 0; i < ts.Length; i++) xor.Append(ts[i], vs[i]);

        Assert.True(new DecimalChunkEncoder().TryEncode(ts, vs, xor.Size, out var encoded));

        // 2-byte count, 34 bits of header, 10 bytes of first-sample varints, the first residuals escaped (~5 bytes),
        // then 1 bit per timestamp and 1 per value.
        Assert.InRange(encoded.Length, 2 + 2 * 119 / 8, 2 + 5 + 10 + 5 + 2 * 120 / 8);
        Assert.True(encoded.Length * 4 < xor.Size, $"decimal {encoded.Length} B, XOR {xor.Size} B");
        AssertDecodes(encoded, ts, vs);
    }

    [Fact]
    public void TryEncode_NotSmallerThanSizeToBeat_ReturnsFalse()
    {
        long[] ts = [1000, 2000];
        double[] vs = [1, 2];
        var encoder = new DecimalChunkEncoder();
        Assert.True(encoder.TryEncode(ts, vs, int.MaxValue, out var encoded));
        int size = encoded.Length;
        Assert.False(encoder.TryEncode(ts, vs, size, out _));
        Assert.True(encoder.TryEncode(ts, vs, size + 1, out _));
    }

    [Fact]
    public void Iterator_TruncatedChunk_SetsErrorInsteadOfThrowing()
    {
        long[] ts = Enumerable.Range(0, 100).Select(i => i * 15_000L + i % 3).ToArray();
        double[] vs = Enumerable.Range(0, 100).Select(i => i * 1.25 + (i % 5)).ToArray();
        Assert.True(new DecimalChunkEncoder().TryEncode(ts, vs, int.MaxValue, out var encoded));
        var bytes = encoded.ToArray();
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            var it = new DecimalIterator();
            it.Reset(bytes, cut);
            int read = 0;
            while (it.Next()) read++;
            // The last byte holds at least one bit of the last sample, so any cut loses a sample and says so.
            Assert.True(read < 100, $"cut at {cut} of {bytes.Length} still decoded every sample");
            Assert.NotNull(it.Error);
        }
    }

    [Fact]
    public void ResidualCode_PlannedBitsMatchWrittenBits_AndRoundTrip()
    {
        var residuals = Gen.Frequency(
            (3, Gen.Const(0L)),
            (3, Gen.Long[-50, 50]),
            (2, Gen.Long[-(1L << 20), 1L << 20].Select(x => x * 4096)),
            (1, Gen.Long)).Array[1, 200];
        residuals.Sample(rs =>
        {
            var code = ResidualCode.Plan(rs, out long bits);
            var bw = new BitWriter(16);
            foreach (long r in rs) code.Write(ref bw, r);
            Assert.Equal((bits + 7) / 8, bw.Length);
            var br = new BitReader(bw.Buffer, 0, bw.Length);
            foreach (long r in rs)
            {
                Assert.True(code.TryRead(ref br, out long got));
                Assert.Equal(r, got);
            }
        }, iter: 2000);
    }
}
