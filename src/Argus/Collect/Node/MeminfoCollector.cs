using System.Text.RegularExpressions;
using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>
/// One gauge per /proc/meminfo key, as node-exporter 1.5's meminfo collector: <c>Active(anon): 1540 kB</c> becomes
/// <c>node_memory_Active_anon_bytes 1576960</c>; keys without a unit (HugePages_Total) keep the raw count and no suffix.
/// </summary>
public sealed class MeminfoCollector : ICollector
{
    private readonly string _path;
    private readonly StringPool _keys = new();
    private readonly Dictionary<string, MetricDesc> _descs = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[4096];

    public MeminfoCollector(NodeOptions options) => _path = options.Proc("meminfo");

    public void Collect(List<MetricFamily> into)
    {
        int n = ProcFile.Read(_path, ref _buffer);
        ReadOnlySpan<byte> text = _buffer.AsSpan(0, n);
        while (ProcFile.NextLine(ref text, out var line))
        {
            ReadOnlySpan<byte> rest = line;
            if (!ProcFile.NextField(ref rest, out var key))
            {
                continue; // node-exporter skips the empty lines some kernels print
            }
            if (!ProcFile.NextField(ref rest, out var number) || key[^1] != (byte)':')
            {
                throw ProcFile.Malformed(_path, line, "expected \"Key: value [kB]\"");
            }
            double value = ProcFile.ParseDouble(number, _path);
            bool hasUnit = ProcFile.NextField(ref rest, out _);
            if (ProcFile.NextField(ref rest, out _))
            {
                throw ProcFile.Malformed(_path, line, "too many fields");
            }
            if (hasUnit)
            {
                value *= 1024; // the kernel's unit is always kB
            }
            into.Add(Desc(key[..^1], hasUnit).Single(value));
        }
    }

    private MetricDesc Desc(ReadOnlySpan<byte> rawKey, bool bytes)
    {
        // The pool key includes the unit flag so "X" and "X kB" (never seen, but possible) cannot share a name.
        Span<byte> poolKey = stackalloc byte[rawKey.Length + 1];
        rawKey.CopyTo(poolKey);
        poolKey[^1] = bytes ? (byte)'b' : (byte)'-';
        string cacheKey = _keys.Get(poolKey);
        if (!_descs.TryGetValue(cacheKey, out MetricDesc? desc))
        {
            string key = Regex.Replace(cacheKey[..^1], @"\((.*)\)", "_$1") + (bytes ? "_bytes" : "");
            var type = key.EndsWith("_total", StringComparison.Ordinal) ? MetricType.Counter : MetricType.Gauge;
            desc = new MetricDesc("node_memory_" + key, type, $"Memory information field {key}.");
            _descs[cacheKey] = desc;
        }
        return desc;
    }
}
