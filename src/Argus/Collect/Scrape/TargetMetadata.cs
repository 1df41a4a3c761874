using Argus.Collect.Exposition;
using Argus.Model;

namespace Argus.Collect.Scrape;

/// <summary>
/// The HELP, TYPE and UNIT a target last exposed for each metric family, for /api/v1/metadata. Updated while parsing; a
/// family whose texts did not change costs a lookup by its name's bytes and a byte comparison, no allocation.
/// Written by the target's scrape loop, read by the API: readers take a snapshot under the lock.
/// </summary>
public sealed class TargetMetadata
{
    private readonly Lock _lock = new();
    private readonly Dictionary<byte[], Entry> _byFamily = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], Entry>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public TargetMetadata() => _lookup = _byFamily.GetAlternateLookup<ReadOnlySpan<byte>>();

    private sealed class Entry(string family)
    {
        public readonly string Family = family;
        public MetricType Type;
        public byte[] HelpBytes = [];
        public string Help = "";
        public byte[] UnitBytes = [];
        public string Unit = "";
    }

    /// <summary>Records the metadata line the parser is on (a HELP, TYPE or UNIT entry).</summary>
    internal void Record(ExpositionEntry kind, ref ExpositionParser parser)
    {
        var name = parser.MetadataName;
        lock (_lock)
        {
            if (!_lookup.TryGetValue(name, out var e))
            {
                e = new Entry(System.Text.Encoding.UTF8.GetString(name));
                _byFamily.Add(name.ToArray(), e);
            }
            switch (kind)
            {
                case ExpositionEntry.Type:
                    e.Type = parser.Type;
                    break;
                case ExpositionEntry.Help:
                    if (!parser.Text.SequenceEqual(e.HelpBytes))
                    {
                        e.HelpBytes = parser.Text.ToArray();
                        e.Help = parser.Help();
                    }
                    break;
                case ExpositionEntry.Unit:
                    if (!parser.Text.SequenceEqual(e.UnitBytes))
                    {
                        e.UnitBytes = parser.Text.ToArray();
                        e.Unit = System.Text.Encoding.UTF8.GetString(parser.Text);
                    }
                    break;
            }
        }
    }

    /// <summary>A copy of every family's (name, type, help, unit).</summary>
    public IReadOnlyList<(string Family, MetricType Type, string Help, string Unit)> Snapshot()
    {
        lock (_lock) return [.. _byFamily.Values.Select(e => (e.Family, e.Type, e.Help, e.Unit))];
    }
}
