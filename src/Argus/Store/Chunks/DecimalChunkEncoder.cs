using System.Numerics;

namespace Argus.Store.Chunks;

/// <summary>
/// Encodes a complete chunk whose values are all decimals with at most <see cref="MaxScale"/> fractional digits (integers,
/// counters in bytes, CPU seconds rounded to 1/100, temperatures to 1/10000) as integers n = v × 10^k with delta or
/// delta-of-delta residuals in a per-chunk <see cref="ResidualCode"/>; timestamps are delta-of-deltas the same way. A value
/// only qualifies when (double)n / 10^k gives back its exact bits, so -0.0, NaN payloads (the stale marker included), ±Inf
/// and decimals needing more digits leave the chunk to XOR. Used when blocks are written (head flush, compaction,
/// backfill); the head keeps appending XOR. Layout: docs/format/chunks.md. Not thread-safe: one encoder per block writer.
/// </summary>
public sealed class DecimalChunkEncoder
{
    /// <summary>10^18 is the largest power of ten below 2^63 and, like every power up to 10^22, exact as a double.</summary>
    public const int MaxScale = 18;

    /// <summary>Count, scale (5 bits), value mode (1 bit) and the two residual codes' parameters.</summary>
    private const int FixedHeaderBits = 16 + 5 + 1 + 2 * ResidualCode.HeaderBits;

    internal static readonly double[] Pow10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18];

    // Scratch reused across chunks, grown to the largest chunk seen: no allocation per chunk once warm.
    private long[] _n = new long[XorChunk.TargetSamples];
    private long[] _tResiduals = new long[XorChunk.TargetSamples];
    private long[] _deltas = new long[XorChunk.TargetSamples];
    private long[] _dods = new long[XorChunk.TargetSamples];
    private BitWriter _bw = new(256);

    /// <summary>
    /// Encodes the samples when every value is a short enough decimal and the result is smaller than
    /// <paramref name="sizeToBeat"/> bytes (the XOR chunk's size). <paramref name="encoded"/> (count header included) stays
    /// valid until the next call. Timestamps must increase; 1 to 65,535 samples.
    /// </summary>
    public bool TryEncode(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, int sizeToBeat, out ReadOnlySpan<byte> encoded)
    {
        encoded = default;
        int count = timestamps.Length;
        if (count == 0 || count > ushort.MaxValue || values.Length != count)
        {
            throw new ArgumentException($"a chunk holds 1 to {ushort.MaxValue} samples with one value per timestamp; got {count} timestamps and {values.Length} values");
        }
        EnsureScratch(count);
        Span<long> n = _n.AsSpan(0, count);
        if (!TryScale(values, n, out int scale)) return false;

        // Residuals: timestamps always delta-of-delta; values whichever of delta (gauges) and delta-of-delta (counters) is smaller.
        Span<long> tRes = _tResiduals.AsSpan(0, count - 1), deltas = _deltas.AsSpan(0, count - 1), dods = _dods.AsSpan(0, count - 1);
        long tDelta = 0, vDelta = 0;
        for (int i = 1; i < count; i++)
        {
            long td = unchecked(timestamps[i] - timestamps[i - 1]);
            tRes[i - 1] = unchecked(td - tDelta);
            tDelta = td;
            long vd = unchecked(n[i] - n[i - 1]);
            deltas[i - 1] = vd;
            dods[i - 1] = unchecked(vd - vDelta);
            vDelta = vd;
        }
        var tCode = ResidualCode.Plan(tRes, out long tBits);
        var deltaCode = ResidualCode.Plan(deltas, out long deltaBits);
        var dodCode = ResidualCode.Plan(dods, out long dodBits);
        bool useDod = dodBits < deltaBits;
        var vCode = useDod ? dodCode : deltaCode;
        long bits = FixedHeaderBits + VarintBits(timestamps[0]) + VarintBits(n[0]) + tBits + (useDod ? dodBits : deltaBits);
        if ((bits + 7) / 8 >= sizeToBeat) return false;

        _bw = new BitWriter(_bw.Buffer, 0, 0); // reuse the buffer; every byte is overwritten before it is read
        _bw.WriteByteAligned((byte)(count >> 8));
        _bw.WriteByteAligned((byte)count);
        _bw.WriteBits((ulong)scale, 5);
        _bw.WriteBit(useDod);
        tCode.WriteHeader(ref _bw);
        vCode.WriteHeader(ref _bw);
        WriteVarint(timestamps[0]);
        WriteVarint(n[0]);
        Span<long> vRes = useDod ? dods : deltas;
        for (int i = 0; i < count - 1; i++)
        {
            tCode.Write(ref _bw, tRes[i]);
            vCode.Write(ref _bw, vRes[i]);
        }
        if (_bw.Length != (bits + 7) / 8) throw new InvalidOperationException($"BUG: decimal chunk planned {bits} bits but wrote {_bw.Length} bytes");
        encoded = _bw.Bytes;
        return true;
    }

    /// <summary>
    /// Finds the smallest k such that every value is exactly n / 10^k and fills <paramref name="n"/>. A value is exact at k
    /// when rounding v × 10^k and dividing back (as the decoder does, correctly rounded) reproduces its bits.
    /// </summary>
    internal static bool TryScale(ReadOnlySpan<double> values, Span<long> n, out int scale)
    {
        scale = 0;
        foreach (double v in values)
        {
            // Fast path: most values of a decimal chunk are exact at the scale found so far.
            while (!TryInteger(v, scale, out _))
            {
                if (++scale > MaxScale || !double.IsFinite(v)) return false;
            }
        }
        for (int i = 0; i < values.Length; i++)
        {
            // Exactness is monotone in k only while n stays below 2^53, so check every value again at the final scale.
            if (!TryInteger(values[i], scale, out n[i])) return false;
        }
        return true;
    }

    private static bool TryInteger(double v, int scale, out long n)
    {
        double p = Pow10[scale];
        double x = v * p;
        n = 0;
        if (!(Math.Abs(x) < 9.2e18)) return false; // NaN, ±Inf and values beyond a long
        n = (long)Math.Round(x);
        double back = scale == 0 ? n : n / p;
        return BitConverter.DoubleToInt64Bits(back) == BitConverter.DoubleToInt64Bits(v);
    }

    private void EnsureScratch(int count)
    {
        if (_n.Length >= count) return;
        _n = new long[count];
        _tResiduals = new long[count];
        _deltas = new long[count];
        _dods = new long[count];
    }

    private static int VarintBits(long x)
    {
        int significant = 64 - BitOperations.LeadingZeroCount(ResidualCode.Zigzag(x));
        return 8 * Math.Max(1, (significant + 6) / 7);
    }

    private void WriteVarint(long x)
    {
        ulong u = ResidualCode.Zigzag(x);
        while (u >= 0x80)
        {
            _bw.WriteBits((u & 0x7f) | 0x80, 8);
            u >>= 7;
        }
        _bw.WriteBits(u, 8);
    }
}
