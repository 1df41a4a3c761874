using System.Runtime.CompilerServices;
using Argus.Model;

namespace Argus.Query.Engine;

/// <summary>
/// Assigns series to aggregation groups (Prometheus's generateGroupingKey): by the pairs of the listed labels (<c>by</c>)
/// or of all labels except those and __name__ (<c>without</c>). A series' kept pairs are hashed and compared in place, so
/// the group's label set is built once, when the group first appears, not once per series. Groups are numbered in order
/// of first appearance, which is the order aggregation results come out in.
/// </summary>
internal sealed class GroupingIndex(IReadOnlyList<string> grouping, bool without)
{
    private readonly Dictionary<int, int> _firstByHash = [];
    private readonly List<int> _nextWithHash = []; // per group: the next group with the same hash, or -1

    /// <summary>The label set of each group, indexed by group number.</summary>
    public List<Labels> Groups { get; } = [];

    public int Count => Groups.Count;

    /// <summary>The group of a series with labels <paramref name="metric"/>, created when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int GroupOf(Labels metric)
    {
        var labels = metric.AsSpan();
        var hash = new HashCode();
        int kept = 0;
        foreach (var l in labels)
        {
            if (!Keeps(l.Name)) continue;
            hash.Add(l.Name);
            hash.Add(l.Value);
            kept++;
        }
        int h = hash.ToHashCode();
        if (_firstByHash.TryGetValue(h, out int first))
        {
            for (int g = first; g >= 0; g = _nextWithHash[g])
            {
                if (SameKeptPairs(labels, kept, Groups[g])) return g;
            }
        }
        var pairs = new Label[kept];
        int j = 0;
        foreach (var l in labels)
        {
            if (Keeps(l.Name)) pairs[j++] = l;
        }
        int created = Groups.Count;
        // The pairs come from a sorted, unique label set without empty values, so they are one too.
        Groups.Add(Labels.FromSortedUnsafe(pairs));
        _nextWithHash.Add(_firstByHash.TryGetValue(h, out first) ? first : -1);
        _firstByHash[h] = created;
        return created;
    }

    private bool Keeps(string name)
    {
        bool listed = false;
        for (int i = 0; i < grouping.Count; i++)
        {
            if (string.Equals(grouping[i], name, StringComparison.Ordinal))
            {
                listed = true;
                break;
            }
        }
        return without ? !listed && !string.Equals(name, Labels.MetricName, StringComparison.Ordinal) : listed;
    }

    private bool SameKeptPairs(ReadOnlySpan<Label> labels, int kept, Labels group)
    {
        if (group.Count != kept) return false;
        int j = 0;
        foreach (var l in labels)
        {
            if (!Keeps(l.Name)) continue;
            var g = group[j++];
            if (!string.Equals(g.Name, l.Name, StringComparison.Ordinal) || !string.Equals(g.Value, l.Value, StringComparison.Ordinal)) return false;
        }
        return true;
    }
}
