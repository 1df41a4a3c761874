using System.Globalization;

namespace Argus.Config;

/// <summary>
/// A size in bytes as Prometheus writes it (<c>512MB</c>, <c>1GiB</c>, <c>100B</c>); every unit is a power of 2, as in
/// alecthomas/units Base2Bytes which Prometheus uses for body_size_limit and retention size. Zero means "no limit".
/// </summary>
public readonly record struct ByteSize(long Bytes)
{
    private static readonly string[] s_units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];

    public static bool TryParse(string s, out ByteSize value, out string? error)
    {
        value = default;
        error = null;
        string t = s.Trim();
        if (t == "0")
        {
            return true;
        }
        int i = 0;
        while (i < t.Length && char.IsAsciiDigit(t[i])) i++;
        if (i == 0 || !long.TryParse(t.AsSpan(0, i), NumberStyles.None, CultureInfo.InvariantCulture, out long n))
        {
            error = $"invalid size \"{s}\"";
            return false;
        }
        string unit = t[i..];
        if (unit.Length == 3 && unit[1] == 'i' && unit[2] == 'B') unit = unit[0] + "B"; // KiB == KB in Base2Bytes
        int power = Array.IndexOf(s_units, unit);
        if (power < 0)
        {
            error = $"invalid size \"{s}\": unit must be one of B, KB, MB, GB, TB, PB, EB (powers of 2)";
            return false;
        }
        if (n > long.MaxValue >> (10 * power))
        {
            error = $"invalid size \"{s}\": out of range";
            return false;
        }
        value = new ByteSize(n << (10 * power));
        return true;
    }

    /// <summary>The shortest exact form with a binary unit (<c>512MiB</c>), as Base2Bytes.String() prints it; <c>0B</c> for zero.</summary>
    public override string ToString()
    {
        if (Bytes == 0) return "0B";
        int power = 0;
        long v = Bytes;
        while (power < s_units.Length - 1 && v % 1024 == 0)
        {
            v /= 1024;
            power++;
        }
        return power == 0
            ? v.ToString(CultureInfo.InvariantCulture) + "B"
            : v.ToString(CultureInfo.InvariantCulture) + s_units[power][0] + "iB";
    }
}
