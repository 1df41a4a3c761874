using System.Globalization;
using System.Text.RegularExpressions;
using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>
/// Interface properties from /sys/class/net/&lt;dev&gt;/*, as node-exporter 1.5's netclass collector: node_network_up,
/// node_network_info and one gauge (or counter for *_total) per numeric attribute. An attribute the driver cannot report
/// (reading it fails with EINVAL, as speed on a virtual device) is left out, as node-exporter does. Numbers are parsed
/// with Go's base-0 rules, so "0x1003" in flags is 4099. Speed is Mbit/s × 125000, including the -1 of unknown speed.
/// </summary>
public sealed class NetclassCollector : ICollector
{
    private static readonly MetricDesc s_up = new("node_network_up", MetricType.Gauge,
        "Value is 1 if operstate is 'up', 0 otherwise.", "device");
    private static readonly MetricDesc s_info = new("node_network_info", MetricType.Gauge,
        "Non-numeric data from /sys/class/net/<iface>, value is always 1.",
        "device", "address", "broadcast", "duplex", "operstate", "ifalias");

    // (sysfs attribute, metric suffix, type) for the numeric attributes, in node-exporter's order.
    private static readonly (string File, MetricDesc Desc, long Factor)[] s_numeric =
    [
        ("addr_assign_type", Desc("address_assign_type", MetricType.Gauge), 1),
        ("carrier", Desc("carrier", MetricType.Gauge), 1),
        ("carrier_changes", Desc("carrier_changes_total", MetricType.Counter), 1),
        ("carrier_up_count", Desc("carrier_up_changes_total", MetricType.Counter), 1),
        ("carrier_down_count", Desc("carrier_down_changes_total", MetricType.Counter), 1),
        ("dev_id", Desc("device_id", MetricType.Gauge), 1),
        ("dormant", Desc("dormant", MetricType.Gauge), 1),
        ("flags", Desc("flags", MetricType.Gauge), 1),
        ("ifindex", Desc("iface_id", MetricType.Gauge), 1),
        ("iflink", Desc("iface_link", MetricType.Gauge), 1),
        ("link_mode", Desc("iface_link_mode", MetricType.Gauge), 1),
        ("mtu", Desc("mtu_bytes", MetricType.Gauge), 1),
        ("name_assign_type", Desc("name_assign_type", MetricType.Gauge), 1),
        ("netdev_group", Desc("net_dev_group", MetricType.Gauge), 1),
        ("speed", Desc("speed_bytes", MetricType.Gauge), 1000 * 1000 / 8), // Mbit/s → bytes/s
        ("tx_queue_len", Desc("transmit_queue_length", MetricType.Gauge), 1),
        ("type", Desc("protocol_type", MetricType.Gauge), 1),
    ];

    private static readonly string[] s_stringFiles = ["address", "broadcast", "duplex", "operstate", "ifalias"];

    private readonly string _sysClassNet;
    private readonly Regex _ignored;
    private readonly StringPool _strings = new();
    private readonly Dictionary<string, string[]> _paths = new(StringComparer.Ordinal);
    private readonly InfoLabelCache _info = new(s_info);
    private byte[] _buffer = new byte[256];

    public NetclassCollector(NodeOptions options)
    {
        _sysClassNet = options.Sys("class/net");
        _ignored = new Regex(options.NetclassIgnoredDevices, RegexOptions.CultureInvariant);
    }

    private static MetricDesc Desc(string suffix, MetricType type) =>
        new("node_network_" + suffix, type, "Network device property: " + suffix, "device");

    public void Collect(List<MetricFamily> into)
    {
        var up = new List<MetricPoint>();
        var info = new List<MetricPoint>();
        var numeric = new List<MetricPoint>[s_numeric.Length];
        for (int i = 0; i < numeric.Length; i++) numeric[i] = [];
        var devices = new DirectoryInfo(_sysClassNet).GetFileSystemInfos();
        Array.Sort(devices, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (FileSystemInfo entry in devices)
        {
            // Devices are symlinks into /sys/devices; regular files such as bonding_masters are not devices.
            if (entry is FileInfo && entry.LinkTarget is null)
            {
                continue;
            }
            string device = _strings.Get(entry.Name.AsSpan());
            if (_ignored.IsMatch(device))
            {
                continue;
            }
            string[] paths = Paths(device);
            string[] values = new string[s_stringFiles.Length + 1];
            values[0] = device;
            for (int i = 0; i < s_stringFiles.Length; i++)
            {
                values[i + 1] = ReadString(paths[s_numeric.Length + i]) ?? "";
            }
            up.Add(new MetricPoint(s_up.With(device), values[4] == "up" ? 1 : 0));
            info.Add(new MetricPoint(_info.Get(device, values), 1));
            for (int i = 0; i < s_numeric.Length; i++)
            {
                if (ReadInt64(paths[i]) is long v)
                {
                    numeric[i].Add(new MetricPoint(s_numeric[i].Desc.With(device), v * s_numeric[i].Factor));
                }
            }
        }
        into.Add(s_up.Family(up));
        into.Add(s_info.Family(info));
        for (int i = 0; i < numeric.Length; i++)
        {
            if (numeric[i].Count > 0) into.Add(s_numeric[i].Desc.Family(numeric[i]));
        }
    }

    private string[] Paths(string device)
    {
        if (!_paths.TryGetValue(device, out string[]? paths))
        {
            if (_paths.Count >= 4096) _paths.Clear(); // bound for hosts with churning veth devices
            paths = new string[s_numeric.Length + s_stringFiles.Length];
            for (int i = 0; i < s_numeric.Length; i++) paths[i] = Path.Combine(_sysClassNet, device, s_numeric[i].File);
            for (int i = 0; i < s_stringFiles.Length; i++) paths[s_numeric.Length + i] = Path.Combine(_sysClassNet, device, s_stringFiles[i]);
            _paths[device] = paths;
        }
        return paths;
    }

    private string? ReadString(string path) =>
        ProcFile.TryRead(path, ref _buffer, out int n) ? _strings.Get(_buffer.AsSpan(0, n).TrimEnd("\n"u8)) : null;

    /// <summary>Go's strconv.ParseInt(s, 0, 64): decimal, or hexadecimal after "0x". Null when unreadable.</summary>
    private long? ReadInt64(string path)
    {
        if (!ProcFile.TryRead(path, ref _buffer, out int n))
        {
            return null;
        }
        ReadOnlySpan<byte> text = _buffer.AsSpan(0, n).TrimEnd("\n"u8);
        if (text.StartsWith("0x"u8) || text.StartsWith("0X"u8))
        {
            if (!long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long hex))
            {
                ProcFile.ThrowBadNumber(text, path);
            }
            return hex;
        }
        return ProcFile.ParseInt64(text, path);
    }
}
