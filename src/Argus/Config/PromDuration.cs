using System.Globalization;
using System.Text;

namespace Argus.Config;

/// <summary>
/// Prometheus's duration syntax (common/model ParseDuration): <c>1y2w3d4h5m6s7ms</c>, units in that order, each at most once,
/// or the bare <c>0</c>; a year is 365 days, a week 7 days. Durations are kept as <see cref="TimeSpan"/> with millisecond precision.
/// </summary>
public static class PromDuration
{
    private static readonly (string Unit, long Ms)[] s_units =
    [
        ("y", 365L * 24 * 3600 * 1000), ("w", 7L * 24 * 3600 * 1000), ("d", 24L * 3600 * 1000),
        ("h", 3600L * 1000), ("m", 60L * 1000), ("s", 1000), ("ms", 1),
    ];

    public static bool TryParse(string s, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        if (!TryParseMs(s, out long totalMs, out error)) return false;
        if (totalMs > TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond)
        {
            error = "duration out of range";
            return false;
        }
        value = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }

    /// <summary>
    /// The duration in milliseconds, as an int64 (the config's <see cref="TryParse"/> and PromQL's duration literals both
    /// read through here). Errors are Prometheus's: "not a valid duration string: …" or "duration out of range".
    /// </summary>
    public static bool TryParseMs(ReadOnlySpan<char> s, out long totalMs, out string? error)
    {
        totalMs = 0;
        error = null;
        if (s is "0") return true;
        if (s.Length == 0)
        {
            error = "empty duration string";
            return false;
        }
        int pos = 0, nextUnit = 0;
        while (pos < s.Length)
        {
            int start = pos;
            while (pos < s.Length && s[pos] is >= '0' and <= '9') pos++;
            if (pos == start || pos == s.Length) return Invalid(s, out error);
            if (!long.TryParse(s[start..pos], NumberStyles.None, CultureInfo.InvariantCulture, out long n))
            {
                error = "duration out of range";
                return false;
            }
            int unitStart = pos;
            while (pos < s.Length && s[pos] is not (>= '0' and <= '9')) pos++;
            ReadOnlySpan<char> unit = s[unitStart..pos];
            int u = nextUnit;
            while (u < s_units.Length && !unit.SequenceEqual(s_units[u].Unit)) u++;
            if (u == s_units.Length) return Invalid(s, out error); // unknown unit, repeated unit or out of order
            nextUnit = u + 1;
            try
            {
                totalMs = checked(totalMs + checked(n * s_units[u].Ms));
            }
            catch (OverflowException)
            {
                error = "duration out of range";
                return false;
            }
        }
        return true;
    }

    private static bool Invalid(ReadOnlySpan<char> s, out string error)
    {
        error = $"not a valid duration string: \"{s}\"";
        return false;
    }

    public static TimeSpan Parse(string s) =>
        TryParse(s, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Formats as Prometheus's model.Duration.String(): <c>0s</c>, <c>1h30m</c>, <c>90d</c>; years and weeks only when exact.</summary>
    public static string Format(TimeSpan d)
    {
        long ms = d.Ticks / TimeSpan.TicksPerMillisecond; // integer: TotalMilliseconds is a double and rounds
        if (ms == 0) return "0s";
        var sb = new StringBuilder();
        if (ms < 0)
        {
            sb.Append('-');
            ms = -ms;
        }
        for (int i = 0; i < s_units.Length; i++)
        {
            var (unit, mult) = s_units[i];
            bool exactOnly = i < 2; // "90d" reads better than "12w6d"
            if (exactOnly && ms % mult != 0) continue;
            long v = ms / mult;
            if (v > 0)
            {
                sb.Append(v.ToString(CultureInfo.InvariantCulture)).Append(unit);
                ms -= v * mult;
            }
        }
        return sb.ToString();
    }
}
