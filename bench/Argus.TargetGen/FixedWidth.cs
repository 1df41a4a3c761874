using System.Globalization;

namespace Argus.TargetGen;

/// <summary>
/// Writes a non-negative value into a fixed-width slot, zero-padded on the left (<c>000123.450000</c>). Go's strconv.ParseFloat
/// (Prometheus) and Argus's parser read leading zeros as the plain number, so a body's length and the position of every value
/// stay the same from one refresh to the next: only the digits are rewritten.
/// </summary>
internal static class FixedWidth
{
    private static readonly double[] s_pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    /// <summary>Largest value whose scaled integer still fits a ulong exactly enough (2^63 is ~9.2e18; keep a margin).</summary>
    private const double MaxScaled = 9e18;

    /// <summary>Digits before the point needed for <paramref name="v"/> (at least 1).</summary>
    public static int IntegerDigits(double v)
    {
        int n = 1;
        for (double x = Math.Floor(v); x >= 10; x /= 10) n++;
        return n;
    }

    public static int Width(int integerDigits, int decimals) => integerDigits + (decimals > 0 ? decimals + 1 : 0);

    /// <summary>Writes <paramref name="v"/> rounded to <paramref name="decimals"/>; false if it does not fit the slot.</summary>
    public static bool TryWrite(Span<byte> slot, double v, int decimals)
    {
        double scaled = Math.Round(v * s_pow10[decimals]);
        if (!(scaled >= 0) || scaled >= MaxScaled) return false;
        ulong u = (ulong)scaled;
        int i = slot.Length - 1;
        for (int d = 0; d < decimals; d++)
        {
            if (i < 0) return false;
            (u, ulong digit) = Math.DivRem(u, 10);
            slot[i--] = (byte)('0' + digit);
        }
        if (decimals > 0)
        {
            if (i < 0) return false;
            slot[i--] = (byte)'.';
        }
        while (i >= 0)
        {
            (u, ulong digit) = Math.DivRem(u, 10);
            slot[i--] = (byte)('0' + digit);
        }
        return u == 0;
    }

    /// <summary>A constant as Python's repr writes it (<c>1.0</c>, <c>0.05</c>, <c>64000000000.0</c>).</summary>
    public static string PythonRepr(double v)
    {
        string s = v.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.', StringComparison.Ordinal) || s.Contains('E', StringComparison.Ordinal) ? s : s + ".0";
    }
}
