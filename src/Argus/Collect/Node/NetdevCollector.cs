using System.Text.RegularExpressions;
using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>
/// Per-interface traffic counters, as node-exporter's netdev collector: node_network_{receive,transmit}_&lt;stat&gt;_total
/// {device}. node-exporter reads them over netlink; the kernel fills /proc/net/dev from the same dev_get_stats() with the
/// same sums (drop = rx_dropped + rx_missed_errors, frame = length + over + crc + frame errors, carrier = carrier +
/// aborted + window + heartbeat errors), and receive_nohandler comes from /sys/class/net/&lt;dev&gt;/statistics/rx_nohandler.
/// </summary>
public sealed class NetdevCollector : ICollector
{
    // /proc/net/dev's 16 columns in order.
    private static readonly MetricDesc[] s_columns =
    [
        Desc("receive_bytes"), Desc("receive_packets"), Desc("receive_errs"), Desc("receive_drop"),
        Desc("receive_fifo"), Desc("receive_frame"), Desc("receive_compressed"), Desc("receive_multicast"),
        Desc("transmit_bytes"), Desc("transmit_packets"), Desc("transmit_errs"), Desc("transmit_drop"),
        Desc("transmit_fifo"), Desc("transmit_colls"), Desc("transmit_carrier"), Desc("transmit_compressed"),
    ];
    private static readonly MetricDesc s_nohandler = Desc("receive_nohandler");

    private readonly string _path;
    private readonly string _sysClassNet;
    private readonly Regex? _exclude;
    private readonly Regex? _include;
    private readonly StringPool _names = new();
    private readonly Dictionary<string, bool> _ignored = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nohandlerPaths = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[8192];
    private byte[] _small = new byte[64];

    public NetdevCollector(NodeOptions options)
    {
        if (!string.IsNullOrEmpty(options.NetdevDeviceExclude) && !string.IsNullOrEmpty(options.NetdevDeviceInclude))
        {
            throw new ArgumentException("netdev device include and exclude are mutually exclusive", nameof(options));
        }
        _path = options.Proc("net/dev");
        _sysClassNet = options.Sys("class/net");
        if (!string.IsNullOrEmpty(options.NetdevDeviceExclude))
        {
            _exclude = new Regex(options.NetdevDeviceExclude, RegexOptions.CultureInvariant);
        }
        if (!string.IsNullOrEmpty(options.NetdevDeviceInclude))
        {
            _include = new Regex(options.NetdevDeviceInclude, RegexOptions.CultureInvariant);
        }
    }

    private static MetricDesc Desc(string stat) =>
        new($"node_network_{stat}_total", MetricType.Counter, $"Network device statistic {stat}.", "device");

    public void Collect(List<MetricFamily> into)
    {
        int n = ProcFile.Read(_path, ref _buffer);
        ReadOnlySpan<byte> text = _buffer.AsSpan(0, n);
        var points = new List<MetricPoint>[s_columns.Length];
        for (int i = 0; i < points.Length; i++) points[i] = [];
        var nohandler = new List<MetricPoint>();
        Span<ulong> values = stackalloc ulong[s_columns.Length];
        ProcFile.NextLine(ref text, out _); // "Inter-|   Receive ..."
        ProcFile.NextLine(ref text, out _); // " face |bytes packets ..."
        while (ProcFile.NextLine(ref text, out var line))
        {
            // "  eth0: 86001190 3503 ..." — large counters can touch the colon, so split on it, not on whitespace.
            int colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                if (line.Trim((byte)' ').IsEmpty) continue;
                throw ProcFile.Malformed(_path, line, "no ':' after the interface name");
            }
            string device = _names.Get(line[..colon].Trim((byte)' '));
            if (IsIgnored(device))
            {
                continue;
            }
            ReadOnlySpan<byte> rest = line[(colon + 1)..];
            for (int i = 0; i < values.Length; i++)
            {
                if (!ProcFile.NextField(ref rest, out var field))
                {
                    throw ProcFile.Malformed(_path, line, $"expected {values.Length} counters");
                }
                values[i] = ProcFile.ParseUInt64(field, _path);
            }
            for (int i = 0; i < values.Length; i++)
            {
                points[i].Add(new MetricPoint(s_columns[i].With(device), values[i]));
            }
            if (TryReadNohandler(device, out ulong dropped))
            {
                nohandler.Add(new MetricPoint(s_nohandler.With(device), dropped));
            }
        }
        for (int i = 0; i < points.Length; i++)
        {
            into.Add(s_columns[i].Family(points[i]));
        }
        into.Add(s_nohandler.Family(nohandler));
    }

    private bool IsIgnored(string device)
    {
        if (!_ignored.TryGetValue(device, out bool ignored))
        {
            if (_ignored.Count >= 4096) _ignored.Clear(); // bound for hosts with churning veth devices
            ignored = (_exclude?.IsMatch(device) ?? false) || (_include is not null && !_include.IsMatch(device));
            _ignored[device] = ignored;
        }
        return ignored;
    }

    private bool TryReadNohandler(string device, out ulong value)
    {
        if (!_nohandlerPaths.TryGetValue(device, out string? path))
        {
            if (_nohandlerPaths.Count >= 4096) _nohandlerPaths.Clear();
            path = Path.Combine(_sysClassNet, device, "statistics", "rx_nohandler");
            _nohandlerPaths[device] = path;
        }
        value = 0;
        if (!ProcFile.TryRead(path, ref _small, out int n))
        {
            return false;
        }
        value = ProcFile.ParseUInt64(_small.AsSpan(0, n).TrimEnd("\n"u8), path);
        return true;
    }
}
