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

    public static string FormatValue(double v, bool scalar = false)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsPositiveInfinity(v)) return "+Inf";
        if (double.IsNegativeInfinity(v)) return "-Inf";
        // Shortest round-trip digits and decimal exponent, re-laid out in Go's format.
        string shortest = v.ToString("R", CultureInfo.InvariantCulture);
        Decompose(shortest, out bool negative, out string digits, out int exp10);
        double abs = Math.Abs(v);
        bool exponent = !scalar && abs != 0 && (abs < 1e-6 || abs >= 1e21);
        var sb = new StringBuilder(32);
        if (negative) sb.Append('-');
        if (exponent)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            int e = exp10 - 1;
            sb.Append('e').Append(e < 0 ? '-' : '+');
            int ae = Math.Abs(e);
            if (ae < 10) sb.Append('0');
            sb.Append(ae.ToString(CultureInfo.InvariantCulture));
            return sb.ToString();
        }
        // Fixed: the value is 0.digits × 10^exp10.
        if (exp10 <= 0)
        {
            sb.Append("0.").Append('0', -exp10).Append(digits);
        }
        else if (exp10 >= digits.Length)
        {
            sb.Append(digits).Append('0', exp10 - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, exp10).Append('.').Append(digits, exp10, digits.Length - exp10);
        }
        return sb.ToString();
    }

    /// <summary>Splits .NET's shortest form ("-1.2345E-05", "123.45", "0") into sign, significant digits, and exponent e with value 0.digits × 10^e.</summary>
    private static void Decompose(string s, out bool negative, out string digits, out int exp10)
    {
        negative = s.StartsWith('-');
        if (negative) s = s[1..];
        int exp = 0;
        int ePos = s.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exp = int.Parse(s.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..ePos];
        }
        int dot = s.IndexOf('.');
        string intPart = dot < 0 ? s : s[..dot];
        string fracPart = dot < 0 ? "" : s[(dot + 1)..];
        string all = intPart + fracPart;
        int pointPos = intPart.Length + exp;
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') lead++;
        all = all[lead..];
        pointPos -= lead;
        all = all.TrimEnd('0');
        if (all.Length == 0)
        {
            digits = "0";
            exp10 = 1;
            return;
        }
        digits = all;
        exp10 = pointPos;
    }
}
