using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>node_filefd_allocated and node_filefd_maximum from /proc/sys/fs/file-nr, as node-exporter's filefd collector.</summary>
public sealed class FilefdCollector : ICollector
{
    private static readonly MetricDesc s_allocated = new("node_filefd_allocated", MetricType.Gauge, "File descriptor statistics: allocated.");
    private static readonly MetricDesc s_maximum = new("node_filefd_maximum", MetricType.Gauge, "File descriptor statistics: maximum.");

    private readonly string _path;
    private byte[] _buffer = new byte[128];

    public FilefdCollector(NodeOptions options) => _path = options.Proc("sys/fs/file-nr");

    public void Collect(List<MetricFamily> into)
    {
        int n = ProcFile.Read(_path, ref _buffer);
        ReadOnlySpan<byte> line = _buffer.AsSpan(0, n);
        // "allocated  unused(always 0 since 2.6)  maximum"
        if (!ProcFile.NextField(ref line, out var allocated) || !ProcFile.NextField(ref line, out _) ||
            !ProcFile.NextField(ref line, out var maximum))
        {
            throw ProcFile.Malformed(_path, _buffer.AsSpan(0, n), "expected 3 fields");
        }
        into.Add(s_allocated.Single(ProcFile.ParseUInt64(allocated, _path)));
        into.Add(s_maximum.Single(ProcFile.ParseUInt64(maximum, _path)));
    }
}
