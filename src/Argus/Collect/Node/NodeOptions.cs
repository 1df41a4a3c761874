namespace Argus.Collect.Node;

/// <summary>
/// Where the host collectors read from and which series they select: node-exporter's --path.* and --collector.* flags.
/// Defaults are those of upstream node-exporter v1.11.1, the version kube-prometheus deploys (Debian's 1.5.0 build differs:
/// see docs/host-metrics.md). Regexes are unanchored searches, as Go's MatchString.
/// </summary>
public sealed record NodeOptions
{
    /// <summary>--path.procfs: the proc filesystem, "/host/proc" in a container.</summary>
    public string ProcPath { get; init; } = "/proc";

    /// <summary>--path.sysfs.</summary>
    public string SysPath { get; init; } = "/sys";

    /// <summary>--path.rootfs: the host's root; statfs goes through it and it is stripped from mountpoint labels.</summary>
    public string RootfsPath { get; init; } = "/";

    /// <summary>--path.udev.data: udev's database, for node_disk_info labels.</summary>
    public string UdevDataPath { get; init; } = "/run/udev/data";

    /// <summary>--collector.filesystem.mount-points-exclude.</summary>
    public string FilesystemMountPointsExclude { get; init; } =
        "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";

    /// <summary>--collector.filesystem.fs-types-exclude.</summary>
    public string FilesystemFsTypesExclude { get; init; } =
        "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|erofs|sysfs|tracefs)$";

    /// <summary>--collector.filesystem.mount-timeout: a statfs slower than this marks the mount stuck until it returns.</summary>
    public TimeSpan FilesystemMountTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>--collector.diskstats.device-exclude.</summary>
    public string DiskstatsDeviceExclude { get; init; } = @"^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\d+n\d+p)\d+$";

    /// <summary>--collector.netdev.device-exclude; null or empty excludes nothing.</summary>
    public string? NetdevDeviceExclude { get; init; }

    /// <summary>--collector.netdev.device-include; null or empty includes everything. Exclusive with the exclude.</summary>
    public string? NetdevDeviceInclude { get; init; }

    /// <summary>--collector.netclass.ignored-devices.</summary>
    public string NetclassIgnoredDevices { get; init; } = "^$";

    /// <summary>--collector.cpu.guest: export node_cpu_guest_seconds_total.</summary>
    public bool CpuGuest { get; init; } = true;

    internal string Proc(string relative) => Path.Combine(ProcPath, relative);
    internal string Sys(string relative) => Path.Combine(SysPath, relative);
}
