using System.Numerics;

namespace Argus.Store.Chunks;

/// <summary>
/// The bit code of one stream of integer residuals (timestamp delta-of-deltas, value deltas or delta-of-deltas) in a
/// decimal chunk, chosen per chunk and stream by <see cref="Plan"/> to minimise the stream's size. A residual r is first
/// shifted right by <see cref="Shift"/> (the fewest trailing zero bits of any non-zero residual: page-aligned memory gauges
/// move in multiples of 4096, so 12 bits of every delta are free) and zig-zagged to u; then, with <see cref="Width"/> W:
/// <code>
/// ZeroFlag = false:  '0' + W bits of u            if u &lt; 2^W
///                    '1' + (len(u) − 1) &lt;6 bits&gt; + len(u) bits of u      otherwise (an escape)
/// ZeroFlag = true:   '0'                          if u = 0
///                    '10' + W bits of u           if u &lt; 2^W
///                    '11' + (len(u) − 1) &lt;6 bits&gt; + len(u) bits of u     otherwise
/// </code>
/// A chunk's regular scrape timestamps cost 1 bit (W = 0), noisy gauges W + 1 bits, and outliers (a counter reset, the
/// first delta) escape instead of widening every sample as Gorilla's fixed buckets do. Layout: docs/format/chunks.md.
/// </summary>
internal readonly record struct ResidualCode(bool ZeroFlag, int Width, int Shift)
{
    /// <summary>Bits of the code's parameters in the chunk header: zero flag, width (0-64) in 7 bits, shift (0-63) in 6.</summary>
    public const int HeaderBits = 1 + 7 + 6;

    public static ulong Zigzag(long x) => (ulong)((x << 1) ^ (x >> 63));

    public static long Unzigzag(ulong u) => (long)(u >> 1) ^ -(long)(u & 1);

    /// <summary>Chooses the cheapest code for <paramref name="residuals"/>; <paramref name="bits"/> is their coded size.</summary>
    public static ResidualCode Plan(ReadOnlySpan<long> residuals, out long bits)
    {
        int shift = 63;
        bool any = false;
        foreach (long r in residuals)
        {
            if (r == 0) continue;
            any = true;
            shift = Math.Min(shift, BitOperations.TrailingZeroCount(r));
        }
        if (!any) shift = 0;

        Span<int> lengths = stackalloc int[65]; // lengths[l]: residuals whose zig-zagged value has l significant bits
        lengths.Clear();
        long lengthSum = 0;
        foreach (long r in residuals)
        {
            int len = 64 - BitOperations.LeadingZeroCount(Zigzag(r >> shift));
            lengths[len]++;
            lengthSum += len;
        }

        long n = residuals.Length, zeros = lengths[0];
        long fitting = 0, escapedLengths = lengthSum;
        var best = new ResidualCode(false, 64, shift);
        bits = long.MaxValue;
        for (int w = 0; w <= 64; w++)
        {
            fitting += lengths[w];
            escapedLengths -= (long)lengths[w] * w;
            long escaped = n - fitting;
            long plain = fitting * (1 + w) + escaped * (1 + 6) + escapedLengths;
            long zeroFlagged = zeros + (fitting - zeros) * (2 + w) + escaped * (2 + 6) + escapedLengths;
            if (plain < bits)
            {
                bits = plain;
                best = new ResidualCode(false, w, shift);
            }
            if (zeroFlagged < bits)
            {
                bits = zeroFlagged;
                best = new ResidualCode(true, w, shift);
            }
        }
        return best;
    }

    public void WriteHeader(ref BitWriter bw)
    {
        bw.WriteBit(ZeroFlag);
        bw.WriteBits((ulong)Width, 7);
        bw.WriteBits((ulong)Shift, 6);
    }

    public static bool TryReadHeader(ref BitReader br, out ResidualCode code)
    {
        code = default;
        if (!br.TryReadBit(out bool zeroFlag) || !br.TryReadBits(7, out ulong width) || !br.TryReadBits(6, out ulong shift)) return false;
        if (width > 64) return false;
        code = new ResidualCode(zeroFlag, (int)width, (int)shift);
        return true;
    }

    public void Write(ref BitWriter bw, long residual)
    {
        ulong u = Zigzag(residual >> Shift);
        if (ZeroFlag)
        {
            if (u == 0)
            {
                bw.WriteBit(false);
                return;
            }
            bw.WriteBit(true);
        }
        int len = 64 - BitOperations.LeadingZeroCount(u);
        if (len <= Width)
        {
            // Fast path: the chunk's usual width.
            bw.WriteBit(false);
            bw.WriteBits(u, Width);
            return;
        }
        bw.WriteBit(true);
        bw.WriteBits((ulong)(len - 1), 6);
        bw.WriteBits(u, len);
    }

    public bool TryRead(ref BitReader br, out long residual)
    {
        residual = 0;
        if (!br.TryReadBit(out bool bit)) return false;
        if (ZeroFlag)
        {
            if (!bit) return true;
            if (!br.TryReadBit(out bit)) return false;
        }
        ulong u;
        if (!bit)
        {
            if (!br.TryReadBits(Width, out u)) return false;
        }
        else
        {
            if (!br.TryReadBits(6, out ulong lenMinusOne) || !br.TryReadBits((int)lenMinusOne + 1, out u)) return false;
        }
        residual = Unzigzag(u) << Shift;
        return true;
    }
}
