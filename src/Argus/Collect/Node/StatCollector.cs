using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>
/// Kernel counters from /proc/stat, as node-exporter's stat collector: interrupts, context switches, forks, boot time and
/// runnable/blocked process counts. CPU times come from the same file but belong to <see cref="CpuCollector"/>.
/// </summary>
public sealed class StatCollector : ICollector
{
    private static readonly MetricDesc s_intr = new("node_intr_total", MetricType.Counter, "Total number of interrupts serviced.");
    private static readonly MetricDesc s_ctxt = new("node_context_switches_total", MetricType.Counter, "Total number of context switches.");
    private static readonly MetricDesc s_forks = new("node_forks_total", MetricType.Counter, "Total number of forks.");
    private static readonly MetricDesc s_btime = new("node_boot_time_seconds", MetricType.Gauge, "Node boot time, in unixtime.");
    private static readonly MetricDesc s_running = new("node_procs_running", MetricType.Gauge, "Number of processes in runnable state.");
    private static readonly MetricDesc s_blocked = new("node_procs_blocked", MetricType.Gauge, "Number of processes blocked waiting for I/O to complete.");

    private readonly string _path;
    private byte[] _buffer = new byte[16384];

    public StatCollector(NodeOptions options) => _path = options.Proc("stat");

    public void Collect(List<MetricFamily> into)
    {
        int n = ProcFile.Read(_path, ref _buffer);
        ReadOnlySpan<byte> text = _buffer.AsSpan(0, n);
        ulong intr = 0, ctxt = 0, btime = 0, processes = 0, running = 0, blocked = 0;
        while (ProcFile.NextLine(ref text, out var line))
        {
            ReadOnlySpan<byte> rest = line;
            if (!ProcFile.NextField(ref rest, out var key) || !ProcFile.NextField(ref rest, out var first))
            {
                continue;
            }
            if (key.SequenceEqual("intr"u8)) intr = ProcFile.ParseUInt64(first, _path);
            else if (key.SequenceEqual("ctxt"u8)) ctxt = ProcFile.ParseUInt64(first, _path);
            else if (key.SequenceEqual("btime"u8)) btime = ProcFile.ParseUInt64(first, _path);
            else if (key.SequenceEqual("processes"u8)) processes = ProcFile.ParseUInt64(first, _path);
            else if (key.SequenceEqual("procs_running"u8)) running = ProcFile.ParseUInt64(first, _path);
            else if (key.SequenceEqual("procs_blocked"u8)) blocked = ProcFile.ParseUInt64(first, _path);
        }
        into.Add(s_intr.Single(intr));
        into.Add(s_ctxt.Single(ctxt));
        into.Add(s_forks.Single(processes));
        into.Add(s_btime.Single(btime));
        into.Add(s_running.Single(running));
        into.Add(s_blocked.Single(blocked));
    }
}
