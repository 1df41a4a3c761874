using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>
/// Per-CPU time from the <c>cpuN</c> lines of /proc/stat, as node-exporter's cpu collector: node_cpu_seconds_total{cpu,mode}
/// and node_cpu_guest_seconds_total{cpu,mode}. Like node-exporter it keeps each counter monotonic (the kernel's per-CPU
/// idle and iowait can go backwards briefly): a smaller reading is ignored, and an idle drop of 3 s or more is taken as
/// a CPU hot-plug and resets that CPU's values.
/// </summary>
public sealed class CpuCollector : ICollector
{
    private static readonly MetricDesc s_seconds = new("node_cpu_seconds_total", MetricType.Counter,
        "Seconds the CPUs spent in each mode.", "cpu", "mode");
    private static readonly MetricDesc s_guest = new("node_cpu_guest_seconds_total", MetricType.Counter,
        "Seconds the CPUs spent in guests (VMs) for each mode.", "cpu", "mode");

    // Column order of /proc/stat after the cpuN label; guest and guest_nice follow as columns 9 and 10.
    private static readonly string[] s_modes = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"];
    private static readonly string[] s_guestModes = ["user", "nice"];
    private const int Columns = 10;
    private const int Idle = 3;

    // USER_HZ: the kernel reports /proc/stat in 1/100 s on every architecture Linux exports to user space
    // (sysconf(_SC_CLK_TCK) is fixed at 100); node-exporter's procfs hard-codes the same constant.
    private const double UserHz = 100;

    // node-exporter's jumpBackSeconds: a larger backwards step of idle time means the CPU was replugged.
    private const double JumpBackSeconds = 3.0;

    private readonly string _path;
    private readonly bool _guest;
    private readonly StringPool _names = new();
    private readonly Dictionary<string, double[]> _last = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[16384];

    public CpuCollector(NodeOptions options)
    {
        _path = options.Proc("stat");
        _guest = options.CpuGuest;
    }

    public void Collect(List<MetricFamily> into)
    {
        int n = ProcFile.Read(_path, ref _buffer);
        ReadOnlySpan<byte> text = _buffer.AsSpan(0, n);
        var seconds = new List<MetricPoint>(8 * Environment.ProcessorCount);
        var guest = new List<MetricPoint>(2 * Environment.ProcessorCount);
        Span<double> now = stackalloc double[Columns];
        _seen.Clear();
        while (ProcFile.NextLine(ref text, out var line))
        {
            // Per-CPU lines only: "cpu " (the sum over CPUs) is not exported.
            if (line.Length < 4 || !line.StartsWith("cpu"u8) || line[3] is < (byte)'0' or > (byte)'9')
            {
                continue;
            }
            ReadOnlySpan<byte> rest = line;
            ProcFile.NextField(ref rest, out var label);
            string cpu = _names.Get(label["cpu".Length..]);
            now.Clear(); // old kernels print fewer columns; missing ones read as 0, as procfs does
            for (int i = 0; i < Columns && ProcFile.NextField(ref rest, out var field); i++)
            {
                now[i] = ProcFile.ParseUInt64(field, _path) / UserHz;
            }
            double[] kept = UpdateMonotonic(cpu, now);
            for (int m = 0; m < s_modes.Length; m++)
            {
                seconds.Add(new MetricPoint(s_seconds.With(cpu, s_modes[m]), kept[m]));
            }
            if (_guest)
            {
                guest.Add(new MetricPoint(s_guest.With(cpu, s_guestModes[0]), kept[8]));
                guest.Add(new MetricPoint(s_guest.With(cpu, s_guestModes[1]), kept[9]));
            }
        }
        if (_last.Count != _seen.Count)
        {
            // Forget CPUs that went offline so that a replugged CPU starts afresh.
            foreach (string cpu in _last.Keys)
            {
                if (!_seen.Contains(cpu)) _last.Remove(cpu);
            }
        }
        into.Add(s_seconds.Family(seconds));
        if (_guest)
        {
            into.Add(s_guest.Family(guest));
        }
    }

    private double[] UpdateMonotonic(string cpu, ReadOnlySpan<double> now)
    {
        _seen.Add(cpu);
        if (!_last.TryGetValue(cpu, out double[]? kept))
        {
            kept = new double[Columns];
            _last[cpu] = kept;
        }
        if (kept[Idle] - now[Idle] >= JumpBackSeconds)
        {
            Array.Clear(kept);
        }
        for (int i = 0; i < Columns; i++)
        {
            if (now[i] >= kept[i])
            {
                kept[i] = now[i];
            }
        }
        return kept;
    }
}
