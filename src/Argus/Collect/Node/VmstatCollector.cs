using System.Text.RegularExpressions;
using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>
/// Selected /proc/vmstat counters as untyped node_vmstat_&lt;key&gt;, as node-exporter's vmstat collector with its default
/// --collector.vmstat.fields <c>^(oom_kill|pgpg|pswp|pg.*fault).*</c>.
/// </summary>
public sealed class VmstatCollector : ICollector
{
    private static readonly Regex s_fields = new("^(oom_kill|pgpg|pswp|pg.*fault).*", RegexOptions.CultureInvariant);

    private readonly string _path;
    private readonly StringPool _keys = new();
    private readonly Dictionary<string, MetricDesc?> _descs = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[16384];

    public VmstatCollector(NodeOptions options) => _path = options.Proc("vmstat");

    public void Collect(List<MetricFamily> into)
    {
        int n = ProcFile.Read(_path, ref _buffer);
        ReadOnlySpan<byte> text = _buffer.AsSpan(0, n);
        while (ProcFile.NextLine(ref text, out var line))
        {
            ReadOnlySpan<byte> rest = line;
            if (!ProcFile.NextField(ref rest, out var key) || !ProcFile.NextField(ref rest, out var value))
            {
                continue;
            }
            string name = _keys.Get(key);
            if (!_descs.TryGetValue(name, out MetricDesc? desc))
            {
                // A miss happens once per key: the decision (and the desc) is cached, so the regex runs once per key.
                desc = s_fields.IsMatch(name)
                    ? new MetricDesc("node_vmstat_" + name, MetricType.Unknown, $"/proc/vmstat information field {name}.")
                    : null;
                _descs[name] = desc;
            }
            if (desc is not null)
            {
                into.Add(desc.Single(ProcFile.ParseDouble(value, _path)));
            }
        }
    }
}
