using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Argus.Serve.Api;

/// <summary>
/// Prometheus's JSON spellings of numbers (util/jsonutil): timestamps as a JSON number of seconds with exactly three
/// decimals when the milliseconds are not zero, sample values as strings in Go's float format — fixed notation, except
/// exponent form (two-digit minimum exponent) below 1e-6 and from 1e21 — and NaN, +Inf, -Inf spelled out. Scalars keep
/// fixed notation always.
/// </summary>
public static class PromJson
{
    public static void WriteTimestamp(Utf8JsonWriter w, long ms)
    {
        Span<byte> buf = stackalloc byte[32];
        long sec = ms / 1000, frac = Math.Abs(ms % 1000);
        int n = 0;
        if (ms < 0 && sec == 0) buf[n++] = (byte)'-';
        sec.TryFormat(buf[n..], out int written, default, CultureInfo.InvariantCulture);
        n += written;
        if (frac != 0)
        {
            buf[n++] = (byte)'.';
            frac.TryFormat(buf[n..], out written, "000", CultureInfo.InvariantCulture);
            n += written;
        }
        w.WriteRawValue(buf[..n], skipInputValidation: true);
    }

    /// <summary>
    /// The longest value spelling: fixed notation of the smallest subnormal, "-0." and 323 zeros before its 17 digits
    /// (scalars keep fixed notation at any magnitude; series values switch to exponent form outside [1e-6, 1e21)).
    /// </summary>
    public const int MaxValueBytes = 352;

    /// <summary>Writes a sample value as the JSON string Prometheus writes, without allocating.</summary>
    public static void WriteValue(Utf8JsonWriter w, double v, bool scalar = false)
    {
        Span<byte> buf = stackalloc byte[MaxValueBytes + 2];
        buf[0] = (byte)'"';
        int n = FormatValue(v, buf[1..], scalar);
        buf[n + 1] = (byte)'"';
        w.WriteRawValue(buf[..(n + 2)], skipInputValidation: true);
    }

    public static string FormatValue(double v, bool scalar = false)
    {
        Span<byte> buf = stackalloc byte[MaxValueBytes];
        int n = FormatValue(v, buf, scalar);
        return Encoding.ASCII.GetString(buf[..n]);
    }

    /// <summary>
    /// Formats <paramref name="v"/> into <paramref name="dst"/> (at least <see cref="MaxValueBytes"/> long) as ASCII and
    /// returns the length: .NET's shortest round-trip digits and decimal exponent, re-laid out in Go's format.
    /// </summary>
    public static int FormatValue(double v, Span<byte> dst, bool scalar = false)
    {
        if (double.IsNaN(v)) return Copy("NaN"u8, dst);
        if (double.IsPositiveInfinity(v)) return Copy("+Inf"u8, dst);
        if (double.IsNegativeInfinity(v)) return Copy("-Inf"u8, dst);
        Span<byte> shortest = stackalloc byte[32];
        if (!v.TryFormat(shortest, out int len, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("BUG: a double's shortest form is longer than 32 bytes");
        }
        Span<byte> digits = stackalloc byte[24];
        Decompose(shortest[..len], digits, out bool negative, out int digitCount, out int exp10);
        digits = digits[..digitCount];
        double abs = Math.Abs(v);
        bool exponent = !scalar && abs != 0 && (abs < 1e-6 || abs >= 1e21);
        int n = 0;
        if (negative) dst[n++] = (byte)'-';
        if (exponent)
        {
            dst[n++] = digits[0];
            if (digits.Length > 1)
            {
                dst[n++] = (byte)'.';
                n += Copy(digits[1..], dst[n..]);
            }
            int e = exp10 - 1;
            dst[n++] = (byte)'e';
            dst[n++] = e < 0 ? (byte)'-' : (byte)'+';
            int ae = Math.Abs(e);
            if (ae < 10) dst[n++] = (byte)'0';
            ae.TryFormat(dst[n..], out int written, default, CultureInfo.InvariantCulture);
            return n + written;
        }
        // Fixed: the value is 0.digits × 10^exp10.
        if (exp10 <= 0)
        {
            dst[n++] = (byte)'0';
            dst[n++] = (byte)'.';
            dst.Slice(n, -exp10).Fill((byte)'0');
            n += -exp10;
            n += Copy(digits, dst[n..]);
        }
        else if (exp10 >= digits.Length)
        {
            n += Copy(digits, dst[n..]);
            dst.Slice(n, exp10 - digits.Length).Fill((byte)'0');
            n += exp10 - digits.Length;
        }
        else
        {
            n += Copy(digits[..exp10], dst[n..]);
            dst[n++] = (byte)'.';
            n += Copy(digits[exp10..], dst[n..]);
        }
        return n;
    }

    private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        from.CopyTo(to);
        return from.Length;
    }

    /// <summary>
    /// Splits .NET's shortest form ("-1.2345E-05", "123.45", "0") into sign, significant digits (no leading or trailing
    /// zeros; "0" for zero) and exponent e with value 0.digits × 10^e.
    /// </summary>
    private static void Decompose(ReadOnlySpan<byte> s, Span<byte> digits, out bool negative, out int count, out int exp10)
    {
        negative = s[0] == (byte)'-';
        if (negative) s = s[1..];
        int exp = 0;
        int ePos = s.IndexOfAny((byte)'E', (byte)'e');
        if (ePos >= 0)
        {
            if (!int.TryParse(s[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exp))
            {
                throw new InvalidOperationException("BUG: unexpected exponent in a double's shortest form: " + Encoding.ASCII.GetString(s));
            }
            s = s[..ePos];
        }
        // Digits in order with the decimal point dropped; pointPos counts the digits before it.
        int pointPos = exp;
        count = 0;
        bool leading = true;
        foreach (byte c in s)
        {
            if (c == (byte)'.') continue;
            if (leading && c == (byte)'0')
            {
                pointPos--;
                continue;
            }
            leading = false;
            digits[count++] = c;
        }
        int dot = s.IndexOf((byte)'.');
        pointPos += dot < 0 ? s.Length : dot;
        while (count > 0 && digits[count - 1] == (byte)'0') count--;
        if (count == 0)
        {
            digits[0] = (byte)'0';
            count = 1;
            exp10 = 1;
            return;
        }
        exp10 = pointPos;
    }
}
