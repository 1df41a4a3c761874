using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>node_load1, node_load5, node_load15 from /proc/loadavg, as node-exporter's loadavg collector.</summary>
public sealed class LoadavgCollector : ICollector
{
    private static readonly MetricDesc[] s_loads =
    [
        new("node_load1", MetricType.Gauge, "1m load average."),
        new("node_load5", MetricType.Gauge, "5m load average."),
        new("node_load15", MetricType.Gauge, "15m load average."),
    ];

    private readonly string _path;
    private byte[] _buffer = new byte[256];

    public LoadavgCollector(NodeOptions options) => _path = options.Proc("loadavg");

    public void Collect(List<MetricFamily> into)
    {
        int n = ProcFile.Read(_path, ref _buffer);
        ReadOnlySpan<byte> line = _buffer.AsSpan(0, n);
        Span<double> loads = stackalloc double[3];
        for (int i = 0; i < 3; i++)
        {
            if (!ProcFile.NextField(ref line, out var field))
            {
                throw ProcFile.Malformed(_path, _buffer.AsSpan(0, n), "expected 3 load averages");
            }
            loads[i] = ProcFile.ParseDouble(field, _path);
        }
        for (int i = 0; i < 3; i++)
        {
            into.Add(s_loads[i].Single(loads[i]));
        }
    }
}
