using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>
/// Space and inode usage of mounted filesystems, as node-exporter 1.5's filesystem collector: mounts from /proc/1/mounts
/// (or /proc/mounts when pid 1 is hidden), minus the excluded mount points and filesystem types, each measured with
/// statfs(2) through --path.rootfs. A failing statfs yields node_filesystem_device_error 1 and no size series. A statfs
/// that takes longer than the mount timeout marks the mount stuck: it is reported as an error, and not asked again, until
/// the hung call returns, so one dead NFS server cannot stall every collection.
/// </summary>
public sealed class FilesystemCollector : ICollector
{
    private static readonly string[] s_labelNames = ["device", "fstype", "mountpoint"];
    private static readonly MetricDesc s_size = Desc("size_bytes", "Filesystem size in bytes.");
    private static readonly MetricDesc s_free = Desc("free_bytes", "Filesystem free space in bytes.");
    private static readonly MetricDesc s_avail = Desc("avail_bytes", "Filesystem space available to non-root users in bytes.");
    private static readonly MetricDesc s_files = Desc("files", "Filesystem total file nodes.");
    private static readonly MetricDesc s_filesFree = Desc("files_free", "Filesystem total free file nodes.");
    private static readonly MetricDesc s_readonly = Desc("readonly", "Filesystem read-only status.");
    private static readonly MetricDesc s_deviceError = Desc("device_error", "Whether an error occurred while getting statistics for the given device.");

    private readonly string _mountsPath;
    private readonly string _fallbackMountsPath;
    private readonly string _rootfs;
    private readonly Regex _excludedMountPoints;
    private readonly Regex _excludedFsTypes;
    private readonly TimeSpan _mountTimeout;
    private readonly StringPool _strings = new();
    private readonly Dictionary<string, Task<LibC.StatfsBuffer?>> _stuck = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, string), Labels[]> _labels = [];
    private byte[] _buffer = new byte[8192];

    public FilesystemCollector(NodeOptions options)
    {
        LibC.EnsureSupported();
        _mountsPath = options.Proc("1/mounts");
        _fallbackMountsPath = options.Proc("mounts");
        _rootfs = options.RootfsPath;
        _excludedMountPoints = new Regex(options.FilesystemMountPointsExclude, RegexOptions.CultureInvariant);
        _excludedFsTypes = new Regex(options.FilesystemFsTypesExclude, RegexOptions.CultureInvariant);
        _mountTimeout = options.FilesystemMountTimeout;
    }

    private static MetricDesc Desc(string suffix, string help) =>
        new("node_filesystem_" + suffix, MetricType.Gauge, help, s_labelNames);

    public void Collect(List<MetricFamily> into)
    {
        int n = File.Exists(_mountsPath) ? ProcFile.Read(_mountsPath, ref _buffer) : ProcFile.Read(_fallbackMountsPath, ref _buffer);
        ReadOnlySpan<byte> text = _buffer.AsSpan(0, n);
        List<MetricPoint> size = [], free = [], avail = [], files = [], filesFree = [], ro = [], deviceError = [];
        var seen = new HashSet<(string, string, string)>();
        while (ProcFile.NextLine(ref text, out var line))
        {
            ReadOnlySpan<byte> rest = line;
            if (!ProcFile.NextField(ref rest, out var deviceField))
            {
                continue;
            }
            if (!ProcFile.NextField(ref rest, out var mountField) || !ProcFile.NextField(ref rest, out var typeField) ||
                !ProcFile.NextField(ref rest, out var optionsField))
            {
                throw ProcFile.Malformed(_mountsPath, line, "malformed mount point information");
            }
            string device = _strings.Get(deviceField);
            string fsType = _strings.Get(typeField);
            string mountPoint = StripRootfs(Unescape(mountField));
            if (_excludedMountPoints.IsMatch(mountPoint) || _excludedFsTypes.IsMatch(fsType) ||
                !seen.Add((device, fsType, mountPoint)))
            {
                continue;
            }
            Labels[] labels = LabelsFor(device, fsType, mountPoint);
            bool readOnly = HasOption(optionsField, "ro"u8);
            LibC.StatfsBuffer? stat = Statfs(mountPoint);
            deviceError.Add(new MetricPoint(labels[6], stat is null ? 1 : 0));
            ro.Add(new MetricPoint(labels[5], readOnly ? 1 : 0));
            if (stat is not { } s)
            {
                continue;
            }
            size.Add(new MetricPoint(labels[0], (double)s.Blocks * s.Bsize));
            free.Add(new MetricPoint(labels[1], (double)s.Bfree * s.Bsize));
            avail.Add(new MetricPoint(labels[2], (double)s.Bavail * s.Bsize));
            files.Add(new MetricPoint(labels[3], s.Files));
            filesFree.Add(new MetricPoint(labels[4], s.Ffree));
        }
        into.Add(s_size.Family(size));
        into.Add(s_free.Family(free));
        into.Add(s_avail.Family(avail));
        into.Add(s_files.Family(files));
        into.Add(s_filesFree.Family(filesFree));
        into.Add(s_readonly.Family(ro));
        into.Add(s_deviceError.Family(deviceError));
    }

    private Labels[] LabelsFor(string device, string fsType, string mountPoint)
    {
        if (!_labels.TryGetValue((device, fsType, mountPoint), out Labels[]? labels))
        {
            if (_labels.Count >= 4096) _labels.Clear(); // bound: container mounts come and go
            labels = new Labels[7];
            MetricDesc[] descs = [s_size, s_free, s_avail, s_files, s_filesFree, s_readonly, s_deviceError];
            for (int i = 0; i < descs.Length; i++) labels[i] = descs[i].WithMany(device, fsType, mountPoint);
            _labels[(device, fsType, mountPoint)] = labels;
        }
        return labels;
    }

    /// <summary>statfs through the rootfs, or null on error or while the mount is stuck.</summary>
    private LibC.StatfsBuffer? Statfs(string mountPoint)
    {
        if (_stuck.TryGetValue(mountPoint, out var hung))
        {
            if (!hung.IsCompleted)
            {
                return null;
            }
            _stuck.Remove(mountPoint);
        }
        string path = _rootfs == "/" ? mountPoint : Path.Join(_rootfs, mountPoint);
        var call = Task.Run(() => LibC.Statfs(path, out var buffer) == 0 ? buffer : (LibC.StatfsBuffer?)null);
        // ICollector.Collect is synchronous; a bounded wait is the only way to keep a hung mount from stalling it.
        if (!call.Wait(_mountTimeout))
        {
            _stuck[mountPoint] = call;
            return null;
        }
        return call.Result;
    }

    private string StripRootfs(string mountPoint)
    {
        if (_rootfs == "/" || !mountPoint.StartsWith(_rootfs, StringComparison.Ordinal))
        {
            return mountPoint;
        }
        string stripped = mountPoint[_rootfs.TrimEnd('/').Length..];
        return stripped.Length == 0 ? "/" : stripped;
    }

    /// <summary>fstab(5) escapes: the kernel writes a space as \040 and a tab as \011 in mount points.</summary>
    private string Unescape(ReadOnlySpan<byte> field)
    {
        if (field.IndexOf((byte)'\\') < 0)
        {
            return _strings.Get(field);
        }
        string s = System.Text.Encoding.UTF8.GetString(field).Replace("\\040", " ", StringComparison.Ordinal)
            .Replace("\\011", "\t", StringComparison.Ordinal);
        return _strings.Get(s.AsSpan());
    }

    private static bool HasOption(ReadOnlySpan<byte> options, ReadOnlySpan<byte> option)
    {
        foreach (Range r in options.Split((byte)','))
        {
            if (options[r].SequenceEqual(option)) return true;
        }
        return false;
    }
}
