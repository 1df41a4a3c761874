using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>
/// node_time_seconds, node_time_zone_offset_seconds{time_zone} and the clocksources of
/// /sys/devices/system/clocksource, as node-exporter 1.5's time collector. time_zone is the zone abbreviation Go's
/// time.Zone() reports ("UTC", "CET", "CEST"), read from the POSIX rule at the end of the TZif file.
/// </summary>
public sealed class TimeCollector : ICollector
{
    private static readonly MetricDesc s_now = new("node_time_seconds", MetricType.Gauge, "System time in seconds since epoch (1970).");
    private static readonly MetricDesc s_zone = new("node_time_zone_offset_seconds", MetricType.Gauge,
        "System time zone offset in seconds.", "time_zone");
    private static readonly MetricDesc s_available = new("node_time_clocksource_available_info", MetricType.Gauge,
        "Available clocksources read from '/sys/devices/system/clocksource'.", "clocksource", "device");
    private static readonly MetricDesc s_current = new("node_time_clocksource_current_info", MetricType.Gauge,
        "Current clocksource read from '/sys/devices/system/clocksource'.", "clocksource", "device");

    private readonly TimeProvider _time;
    private readonly string _clocksourceDir;
    private readonly StringPool _strings = new();
    private readonly (string Standard, string Daylight) _abbreviations;
    private byte[] _buffer = new byte[256];

    public TimeCollector(NodeOptions options, TimeProvider time)
    {
        _time = time;
        _clocksourceDir = options.Sys("devices/system/clocksource");
        _abbreviations = ZoneAbbreviations(time.LocalTimeZone);
    }

    public void Collect(List<MetricFamily> into)
    {
        DateTimeOffset now = _time.GetUtcNow();
        // Go: float64(now.UnixNano()) / 1e9; .NET's clock has 100 ns ticks.
        long unixNanos = (now.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
        into.Add(s_now.Single(unixNanos / 1e9));
        TimeZoneInfo zone = _time.LocalTimeZone;
        string name = zone.IsDaylightSavingTime(now) ? _abbreviations.Daylight : _abbreviations.Standard;
        into.Add(s_zone.Family([new MetricPoint(s_zone.With(name), zone.GetUtcOffset(now).TotalSeconds)]));
        CollectClocksources(into);
    }

    private void CollectClocksources(List<MetricFamily> into)
    {
        if (!Directory.Exists(_clocksourceDir))
        {
            return;
        }
        var available = new List<MetricPoint>();
        var current = new List<MetricPoint>();
        foreach (string dir in Directory.EnumerateDirectories(_clocksourceDir, "clocksource*"))
        {
            string device = _strings.Get(Path.GetFileName(dir.AsSpan())["clocksource".Length..]);
            if (ProcFile.TryRead(Path.Combine(dir, "available_clocksource"), ref _buffer, out int n))
            {
                ReadOnlySpan<byte> line = _buffer.AsSpan(0, n);
                while (ProcFile.NextField(ref line, out var source))
                {
                    source = source.TrimEnd("\n"u8);
                    if (!source.IsEmpty) available.Add(new MetricPoint(s_available.With(_strings.Get(source), device), 1));
                }
            }
            if (ProcFile.TryRead(Path.Combine(dir, "current_clocksource"), ref _buffer, out n))
            {
                ReadOnlySpan<byte> source = _buffer.AsSpan(0, n).Trim("\n "u8);
                if (!source.IsEmpty) current.Add(new MetricPoint(s_current.With(_strings.Get(source), device), 1));
            }
        }
        into.Add(s_available.Family(available));
        into.Add(s_current.Family(current));
    }

    /// <summary>
    /// The zone's abbreviations from the POSIX TZ rule that ends a TZif v2+ file ("CET-1CEST,M3.5.0,M10.5.0/3" gives CET and
    /// CEST; "&lt;+03&gt;-3" gives +03). Without a readable file, UTC is "UTC" (as Go without /etc/localtime) and other
    /// zones fall back to .NET's names.
    /// </summary>
    internal static (string Standard, string Daylight) ZoneAbbreviations(TimeZoneInfo zone)
    {
        if (zone.Id is "UTC" or "Etc/UTC" or "Etc/Universal" or "Universal" or "Zulu" || zone == TimeZoneInfo.Utc)
        {
            return ("UTC", "UTC");
        }
        string? tz = Environment.GetEnvironmentVariable("TZ")?.TrimStart(':');
        string file = zone.Equals(TimeZoneInfo.Local) && string.IsNullOrEmpty(tz) ? "/etc/localtime"
            : Path.Combine("/usr/share/zoneinfo", zone.Id);
        try
        {
            if (File.Exists(file) && ParsePosixRule(File.ReadAllBytes(file)) is { } names)
            {
                return names;
            }
        }
        catch (IOException)
        {
            // fall through to .NET's names
        }
        return (zone.StandardName, zone.DaylightName);
    }

    internal static (string Standard, string Daylight)? ParsePosixRule(ReadOnlySpan<byte> tzif)
    {
        ReadOnlySpan<byte> body = tzif.TrimEnd("\n"u8);
        int nl = body.LastIndexOf((byte)'\n');
        if (nl < 0 || !tzif.StartsWith("TZif"u8))
        {
            return null;
        }
        ReadOnlySpan<byte> rule = body[(nl + 1)..];
        string? standard = ReadName(ref rule);
        if (standard is null)
        {
            return null;
        }
        int offsetEnd = rule.IndexOfAnyExcept("+-0123456789:"u8);
        rule = offsetEnd < 0 ? default : rule[offsetEnd..];
        string daylight = ReadName(ref rule) ?? standard;
        return (standard, daylight);
    }

    private static string? ReadName(ref ReadOnlySpan<byte> rule)
    {
        if (rule.IsEmpty) return null;
        int len;
        string name;
        if (rule[0] == (byte)'<')
        {
            len = rule.IndexOf((byte)'>');
            if (len < 0) return null;
            name = System.Text.Encoding.ASCII.GetString(rule[1..len]);
            len++;
        }
        else
        {
            len = 0;
            while (len < rule.Length && char.IsAsciiLetter((char)rule[len])) len++;
            if (len == 0) return null;
            name = System.Text.Encoding.ASCII.GetString(rule[..len]);
        }
        rule = rule[len..];
        return name;
    }
}
