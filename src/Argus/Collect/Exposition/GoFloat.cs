using System.Globalization;

namespace Argus.Collect.Exposition;

/// <summary>Why <see cref="GoFloat.TryParse"/> refused a number; each maps to the error Prometheus (Go's strconv) reports.</summary>
internal enum FloatParseError : byte
{
    None,
    /// <summary><c>p</c>, <c>P</c> or <c>_</c>: textparse keeps to pre-Go 1.13 float syntax ("unsupported character in float").</summary>
    UnsupportedCharacter,
    /// <summary>Not Go <c>strconv.ParseFloat</c> syntax ("invalid syntax").</summary>
    Syntax,
    /// <summary>Finite syntax whose magnitude overflows float64 ("value out of range").</summary>
    Range,
}

/// <summary>
/// Floats as Go reads and writes them, byte for byte: <c>strconv.ParseFloat(s, 64)</c> behind Prometheus's textparse
/// <c>parseFloat</c> (no hex floats, no underscores, <c>Inf</c>/<c>Infinity</c>/<c>NaN</c> case-insensitive, overflow is an
/// error, underflow is 0) and <c>strconv.FormatFloat(f, 'g', -1, 64)</c> used by client_golang's text writer.
/// </summary>
internal static class GoFloat
{
    /// <summary>Prometheus's <c>value.NormalNaN</c>: every NaN read from an exposition is stored with these bits.</summary>
    public const ulong NormalNaNBits = 0x7ff8000000000001UL;

    public static readonly double NormalNaN = BitConverter.UInt64BitsToDouble(NormalNaNBits);

    // 10^0 … 10^22 are exact in binary64; Clinger's fast path multiplies or divides by them with a single rounding.
    private static readonly double[] s_pow10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// Parses <paramref name="s"/> as textparse does. NaN comes back as <see cref="NormalNaN"/>. Allocation-free; the common
    /// exposition values (integers, short decimals, <c>1.5e-05</c>) take the exact fast path, the rest fall back to the runtime's
    /// correctly rounded parser after the syntax has been checked here.
    /// </summary>
    public static FloatParseError TryParse(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        if (s.IsEmpty) return FloatParseError.Syntax;
        if (s.ContainsAny((byte)'p', (byte)'P', (byte)'_')) return FloatParseError.UnsupportedCharacter;

        int i = 0;
        bool negative = false;
        if (s[0] is (byte)'+' or (byte)'-')
        {
            negative = s[0] == '-';
            i = 1;
        }
        if (i < s.Length && (s[i] | 0x20) is (byte)'i' or (byte)'n')
        {
            return ParseSpecial(s, i, negative, out value);
        }

        ulong mantissa = 0;
        int digits = 0, dropped = 0, fracDigits = 0;
        bool sawDigit = false, sawDot = false;
        for (; i < s.Length; i++)
        {
            byte c = s[i];
            if ((uint)(c - '0') <= 9)
            {
                sawDigit = true;
                if (mantissa == 0 && c == '0')
                {
                    if (sawDot) fracDigits++;   // leading zeros carry no precision
                    continue;
                }
                if (digits < 19)
                {
                    mantissa = mantissa * 10 + (uint)(c - '0');
                    digits++;
                    if (sawDot) fracDigits++;
                }
                else if (!sawDot)
                {
                    dropped++;                  // integer digits beyond 19 only scale
                }
            }
            else if (c == '.' && !sawDot)
            {
                sawDot = true;
            }
            else
            {
                break;
            }
        }
        if (!sawDigit) return FloatParseError.Syntax;

        long exp = 0;
        if (i < s.Length)
        {
            if ((s[i] | 0x20) != 'e') return FloatParseError.Syntax;
            i++;
            bool expNegative = false;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                expNegative = s[i] == '-';
                i++;
            }
            if (i == s.Length) return FloatParseError.Syntax;
            for (; i < s.Length; i++)
            {
                uint d = (uint)(s[i] - '0');
                if (d > 9) return FloatParseError.Syntax;
                if (exp < 100_000) exp = exp * 10 + d;   // beyond this the result is 0 or ±Inf whatever the mantissa
            }
            if (expNegative) exp = -exp;
        }

        long e10 = exp - fracDigits + dropped;
        // Fast path: the mantissa is exact (≤ 2^53) and so is the power of ten, so one IEEE operation rounds correctly.
        if (dropped == 0 && digits <= 19 && mantissa <= (1UL << 53) && e10 >= -22 && e10 <= 22)
        {
            double m = mantissa;
            double v = e10 >= 0 ? m * s_pow10[(int)e10] : m / s_pow10[(int)-e10];
            value = negative ? -v : v;
            return FloatParseError.None;
        }
        if (mantissa == 0)
        {
            value = negative ? -0.0 : 0.0;
            return FloatParseError.None;
        }
        if (!double.TryParse(s, NumberStyles.Float, NumberFormatInfo.InvariantInfo, out value))
        {
            return FloatParseError.Syntax;
        }
        return double.IsInfinity(value) ? FloatParseError.Range : FloatParseError.None;
    }

    private static FloatParseError ParseSpecial(ReadOnlySpan<byte> s, int i, bool negative, out double value)
    {
        value = 0;
        ReadOnlySpan<byte> word = s[i..];
        if (word.Length == 3 && (word[0] | 0x20) == 'n' && (word[1] | 0x20) == 'a' && (word[2] | 0x20) == 'n')
        {
            if (i != 0) return FloatParseError.Syntax;   // Go accepts no sign on NaN
            value = NormalNaN;
            return FloatParseError.None;
        }
        if (EqualsIgnoreCase(word, "inf"u8) || EqualsIgnoreCase(word, "infinity"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return FloatParseError.None;
        }
        return FloatParseError.Syntax;
    }

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lower)
    {
        if (s.Length != lower.Length) return false;
        for (int i = 0; i < s.Length; i++)
        {
            if ((s[i] | 0x20) != lower[i]) return false;
        }
        return true;
    }

    /// <summary>Longest output of <see cref="Format"/>: sign, 17 digits, point, "e-308", with room to spare.</summary>
    public const int MaxFormattedLength = 32;

    /// <summary>
    /// Writes <paramref name="v"/> as Go's <c>strconv.FormatFloat(v, 'g', -1, 64)</c> with Prometheus's spellings of the
    /// specials (<c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>): the shortest digits that round-trip, in exponent form (<c>1.5e+06</c>,
    /// <c>1e-05</c>) when the decimal exponent is below -4 or at least 6, as client_golang's text writer prints them.
    /// <paramref name="dst"/> needs <see cref="MaxFormattedLength"/> bytes; returns the number written.
    /// </summary>
    public static int Format(double v, Span<byte> dst)
    {
        if (double.IsNaN(v)) return Copy("NaN"u8, dst);
        if (double.IsPositiveInfinity(v)) return Copy("+Inf"u8, dst);
        if (double.IsNegativeInfinity(v)) return Copy("-Inf"u8, dst);

        // Fast path: integers below 10^6 print as themselves (Go's %f branch, no fraction); -0 takes the slow path.
        if (Math.Abs(v) < 1e6 && v == Math.Floor(v) && !(v == 0 && double.IsNegative(v)))
        {
            ((int)v).TryFormat(dst, out int n, default, CultureInfo.InvariantCulture);
            return n;
        }

        Span<byte> r = stackalloc byte[MaxFormattedLength];
        if (!v.TryFormat(r, out int len, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("BUG: shortest round-trip form of a double exceeded 32 bytes");
        }
        return FromShortest(r[..len], dst);
    }

    // Re-renders .NET's shortest round-trip text ("-1.2345E-05", "123.45", "1E+16") in Go's 'g' layout.
    private static int FromShortest(ReadOnlySpan<byte> r, Span<byte> dst)
    {
        int o = 0;
        int i = 0;
        if (r[0] == '-')
        {
            dst[o++] = (byte)'-';
            i = 1;
        }
        Span<byte> d = stackalloc byte[24];
        int nd = 0, dp = 0;
        bool sawDot = false;
        for (; i < r.Length && r[i] != 'E'; i++)
        {
            if (r[i] == '.')
            {
                sawDot = true;
                continue;
            }
            if (nd == 0 && r[i] == '0')
            {
                if (sawDot) dp--;      // 0.00123: each zero after the point moves the decimal point left
                continue;
            }
            d[nd++] = r[i];
            if (!sawDot) dp++;
        }
        if (i < r.Length)
        {
            int exp = 0;
            bool neg = false;
            i++;
            if (r[i] is (byte)'+' or (byte)'-')
            {
                neg = r[i] == '-';
                i++;
            }
            for (; i < r.Length; i++) exp = exp * 10 + (r[i] - '0');
            dp += neg ? -exp : exp;
        }
        while (nd > 0 && d[nd - 1] == '0')
        {
            nd--;
        }
        if (nd == 0)
        {
            dst[o++] = (byte)'0';   // ±0: Go prints "0" and "-0"
            return o;
        }

        // Go's 'g' with shortest digits decides with precision 6: %e when the exponent is < -4 or >= 6, else %f.
        int x = dp - 1;
        if (x < -4 || x >= 6)
        {
            dst[o++] = d[0];
            if (nd > 1)
            {
                dst[o++] = (byte)'.';
                d[1..nd].CopyTo(dst[o..]);
                o += nd - 1;
            }
            dst[o++] = (byte)'e';
            dst[o++] = x < 0 ? (byte)'-' : (byte)'+';
            int ax = Math.Abs(x);
            if (ax < 10) dst[o++] = (byte)'0';
            ax.TryFormat(dst[o..], out int w, default, CultureInfo.InvariantCulture);
            return o + w;
        }
        if (dp <= 0)
        {
            dst[o++] = (byte)'0';
            dst[o++] = (byte)'.';
            for (int z = dp; z < 0; z++) dst[o++] = (byte)'0';
            d[..nd].CopyTo(dst[o..]);
            return o + nd;
        }
        for (int k = 0; k < dp; k++) dst[o++] = k < nd ? d[k] : (byte)'0';
        if (nd > dp)
        {
            dst[o++] = (byte)'.';
            d[dp..nd].CopyTo(dst[o..]);
            o += nd - dp;
        }
        return o;
    }

    private static int Copy(ReadOnlySpan<byte> s, Span<byte> dst)
    {
        s.CopyTo(dst);
        return s.Length;
    }
}
