using System.Text.RegularExpressions;
using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>
/// Block device I/O counters from /proc/diskstats, as node-exporter's diskstats collector: node_disk_*{device} for every
/// device not matching --collector.diskstats.device-exclude (partitions, loop and ram devices by default), plus
/// node_disk_info with labels from the udev database. Only the columns the kernel prints are exported (discards need
/// 18 fields, flushes 20).
/// </summary>
public sealed class DiskstatsCollector : ICollector
{
    // Sectors in /proc/diskstats are always 512 bytes, whatever the device's sector size (include/linux/types.h).
    private const double SectorSize = 512.0;
    private const double SecondsPerTick = 1.0 / 1000.0; // the *_ticks columns are milliseconds

    private static readonly MetricDesc s_info = new("node_disk_info", MetricType.Gauge, "Info of /sys/block/<block_device>.",
        "device", "major", "minor", "path", "wwn", "model", "serial", "revision");

    // One desc per stat column in kernel order, with the factor node-exporter applies.
    private static readonly (MetricDesc Desc, double Factor)[] s_columns =
    [
        (new("node_disk_reads_completed_total", MetricType.Counter, "The total number of reads completed successfully.", "device"), 1),
        (new("node_disk_reads_merged_total", MetricType.Counter, "The total number of reads merged.", "device"), 1),
        (new("node_disk_read_bytes_total", MetricType.Counter, "The total number of bytes read successfully.", "device"), SectorSize),
        (new("node_disk_read_time_seconds_total", MetricType.Counter, "The total number of seconds spent by all reads.", "device"), SecondsPerTick),
        (new("node_disk_writes_completed_total", MetricType.Counter, "The total number of writes completed successfully.", "device"), 1),
        (new("node_disk_writes_merged_total", MetricType.Counter, "The number of writes merged.", "device"), 1),
        (new("node_disk_written_bytes_total", MetricType.Counter, "The total number of bytes written successfully.", "device"), SectorSize),
        (new("node_disk_write_time_seconds_total", MetricType.Counter, "This is the total number of seconds spent by all writes.", "device"), SecondsPerTick),
        (new("node_disk_io_now", MetricType.Gauge, "The number of I/Os currently in progress.", "device"), 1),
        (new("node_disk_io_time_seconds_total", MetricType.Counter, "Total seconds spent doing I/Os.", "device"), SecondsPerTick),
        (new("node_disk_io_time_weighted_seconds_total", MetricType.Counter, "The weighted # of seconds spent doing I/Os.", "device"), SecondsPerTick),
        (new("node_disk_discards_completed_total", MetricType.Counter, "The total number of discards completed successfully.", "device"), 1),
        (new("node_disk_discards_merged_total", MetricType.Counter, "The total number of discards merged.", "device"), 1),
        (new("node_disk_discarded_sectors_total", MetricType.Counter, "The total number of sectors discarded successfully.", "device"), 1),
        (new("node_disk_discard_time_seconds_total", MetricType.Counter, "This is the total number of seconds spent by all discards.", "device"), SecondsPerTick),
        (new("node_disk_flush_requests_total", MetricType.Counter, "The total number of flush requests completed successfully", "device"), 1),
        (new("node_disk_flush_requests_time_seconds_total", MetricType.Counter, "This is the total number of seconds spent by all flush requests.", "device"), SecondsPerTick),
    ];

    // The fewest stat columns a kernel prints (2.6.x); fewer means a line we do not understand.
    private const int MinColumns = 11;

    private readonly string _path;
    private readonly string _udevDataPath;
    private readonly Regex _exclude;
    private readonly StringPool _names = new();
    private readonly InfoLabelCache _info = new(s_info);
    private readonly Dictionary<string, bool> _excluded = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[8192];
    private byte[] _udevBuffer = new byte[4096];

    public DiskstatsCollector(NodeOptions options)
    {
        _path = options.Proc("diskstats");
        _udevDataPath = options.UdevDataPath;
        _exclude = new Regex(options.DiskstatsDeviceExclude, RegexOptions.CultureInvariant);
    }

    public void Collect(List<MetricFamily> into)
    {
        int n = ProcFile.Read(_path, ref _buffer);
        ReadOnlySpan<byte> text = _buffer.AsSpan(0, n);
        var points = new List<MetricPoint>[s_columns.Length];
        var info = new List<MetricPoint>();
        for (int i = 0; i < points.Length; i++) points[i] = [];
        Span<double> values = stackalloc double[s_columns.Length];
        while (ProcFile.NextLine(ref text, out var line))
        {
            ReadOnlySpan<byte> rest = line;
            if (!ProcFile.NextField(ref rest, out var major))
            {
                continue;
            }
            if (!ProcFile.NextField(ref rest, out var minor) || !ProcFile.NextField(ref rest, out var name))
            {
                throw ProcFile.Malformed(_path, line, "expected major, minor and device name");
            }
            string device = _names.Get(name);
            if (IsExcluded(device))
            {
                continue;
            }
            int columns = 0;
            while (columns < values.Length && ProcFile.NextField(ref rest, out var field))
            {
                values[columns] = ProcFile.ParseUInt64(field, _path) * s_columns[columns].Factor;
                columns++;
            }
            if (columns < MinColumns)
            {
                throw ProcFile.Malformed(_path, line, $"expected at least {MinColumns} statistics, found {columns}");
            }
            info.Add(new MetricPoint(InfoLabels(device, _names.Get(major), _names.Get(minor)), 1));
            for (int i = 0; i < columns; i++)
            {
                points[i].Add(new MetricPoint(s_columns[i].Desc.With(device), values[i]));
            }
        }
        into.Add(s_info.Family(info));
        for (int i = 0; i < points.Length; i++)
        {
            if (points[i].Count > 0)
            {
                into.Add(s_columns[i].Desc.Family(points[i]));
            }
        }
    }

    private bool IsExcluded(string device)
    {
        if (!_excluded.TryGetValue(device, out bool excluded))
        {
            if (_excluded.Count >= 4096) _excluded.Clear(); // bound: devices come and go
            excluded = _exclude.IsMatch(device);
            _excluded[device] = excluded;
        }
        return excluded;
    }

    /// <summary>node_disk_info's labels; path, wwn, model, serial, revision come from udev's E: properties, empty without them.</summary>
    private Labels InfoLabels(string device, string major, string minor)
    {
        string[] values = [device, major, minor, "", "", "", "", ""];
        string udevFile = Path.Combine(_udevDataPath, $"b{major}:{minor}");
        if (ProcFile.TryRead(udevFile, ref _udevBuffer, out int n))
        {
            ReadOnlySpan<byte> text = _udevBuffer.AsSpan(0, n);
            while (ProcFile.NextLine(ref text, out var line))
            {
                if (!line.StartsWith("E:"u8)) continue;
                int eq = line.IndexOf((byte)'=');
                if (eq < 0) continue;
                ReadOnlySpan<byte> key = line[2..eq];
                int slot = key.SequenceEqual("ID_PATH"u8) ? 3
                    : key.SequenceEqual("ID_WWN"u8) ? 4
                    : key.SequenceEqual("ID_MODEL"u8) ? 5
                    : key.SequenceEqual("ID_SERIAL_SHORT"u8) ? 6
                    : key.SequenceEqual("ID_REVISION"u8) ? 7
                    : -1;
                if (slot >= 0) values[slot] = _names.Get(line[(eq + 1)..]);
            }
        }
        return _info.Get(device, values);
    }
}
