using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>
/// Pressure stall information from /proc/pressure/{cpu,io,memory}, as node-exporter 1.5's pressure collector: the
/// cumulative <c>total=</c> microseconds of the "some" line (waiting) and the "full" line (stalled), in seconds.
/// The cpu "full" line is not exported. A kernel without PSI yields no data.
/// </summary>
public sealed class PressureCollector : ICollector
{
    private static readonly MetricDesc s_cpuWaiting = new("node_pressure_cpu_waiting_seconds_total", MetricType.Counter,
        "Total time in seconds that processes have waited for CPU time");
    private static readonly MetricDesc s_ioWaiting = new("node_pressure_io_waiting_seconds_total", MetricType.Counter,
        "Total time in seconds that processes have waited due to IO congestion");
    private static readonly MetricDesc s_ioStalled = new("node_pressure_io_stalled_seconds_total", MetricType.Counter,
        "Total time in seconds no process could make progress due to IO congestion");
    private static readonly MetricDesc s_memoryWaiting = new("node_pressure_memory_waiting_seconds_total", MetricType.Counter,
        "Total time in seconds that processes have waited for memory");
    private static readonly MetricDesc s_memoryStalled = new("node_pressure_memory_stalled_seconds_total", MetricType.Counter,
        "Total time in seconds no process could make progress due to memory congestion");

    private readonly string _cpuPath;
    private readonly string _ioPath;
    private readonly string _memoryPath;
    private byte[] _buffer = new byte[512];

    public PressureCollector(NodeOptions options)
    {
        _cpuPath = options.Proc("pressure/cpu");
        _ioPath = options.Proc("pressure/io");
        _memoryPath = options.Proc("pressure/memory");
    }

    public void Collect(List<MetricFamily> into)
    {
        if (!File.Exists(_cpuPath))
        {
            throw new NoDataException($"pressure information is unavailable: {_cpuPath} does not exist");
        }
        (ulong cpuSome, _) = ReadTotals(_cpuPath);
        (ulong ioSome, ulong ioFull) = ReadTotals(_ioPath);
        (ulong memorySome, ulong memoryFull) = ReadTotals(_memoryPath);
        into.Add(s_cpuWaiting.Single(Seconds(cpuSome)));
        into.Add(s_ioWaiting.Single(Seconds(ioSome)));
        into.Add(s_ioStalled.Single(Seconds(ioFull)));
        into.Add(s_memoryWaiting.Single(Seconds(memorySome)));
        into.Add(s_memoryStalled.Single(Seconds(memoryFull)));
    }

    // node-exporter divides twice by 1000.0; doing the same keeps the float result bit-identical.
    private static double Seconds(ulong micros) => micros / 1000.0 / 1000.0;

    /// <summary>Parses "some avg10=… avg60=… avg300=… total=N" and the same for "full" (absent on old kernels: 0).</summary>
    private (ulong Some, ulong Full) ReadTotals(string path)
    {
        int n = ProcFile.Read(path, ref _buffer);
        ReadOnlySpan<byte> text = _buffer.AsSpan(0, n);
        ulong some = 0, full = 0;
        while (ProcFile.NextLine(ref text, out var line))
        {
            ReadOnlySpan<byte> rest = line;
            if (!ProcFile.NextField(ref rest, out var kind))
            {
                continue;
            }
            ulong total = 0;
            bool found = false;
            while (ProcFile.NextField(ref rest, out var pair))
            {
                if (pair.StartsWith("total="u8))
                {
                    total = ProcFile.ParseUInt64(pair["total=".Length..], path);
                    found = true;
                }
            }
            if (!found)
            {
                throw ProcFile.Malformed(path, line, "no total=");
            }
            if (kind.SequenceEqual("some"u8)) some = total;
            else if (kind.SequenceEqual("full"u8)) full = total;
        }
        return (some, full);
    }
}
