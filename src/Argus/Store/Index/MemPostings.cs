using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Argus.Model;

namespace Argus.Store.Index;

/// <summary>
/// The head's inverted index: label name → label value → sorted postings (series refs), plus the list of all refs.
/// <para>Maintained incrementally: the head hands out refs in increasing order, so adding a series appends to the end of each
/// of its label pairs' lists in O(1), and queries never wait for a rebuild. Deletion (head GC) rebuilds only the affected
/// lists. One lock guards the maps; readers copy out array snapshots under it (see <see cref="PostingsList"/>) and do the set
/// algebra outside it.</para>
/// <para>The index doubles as the string interner: the value string stored with each postings list and the name key of each
/// label are the canonical instances that series labels point at, so identical names and values share one string, and a
/// string is released when the last series using it is garbage-collected.</para>
/// </summary>
public sealed class MemPostings
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LabelName> _names = new(StringComparer.Ordinal);
    private PostingsList _all = new("");
    private long _version;

    private sealed class LabelName(string name)
    {
        public readonly string Name = name;
        public readonly Dictionary<string, PostingsList> Values = new(StringComparer.Ordinal);
    }

    /// <summary>Number of distinct label names.</summary>
    public int NameCount
    {
        get { lock (_lock) return _names.Count; }
    }

    /// <summary>
    /// Indexes a series and returns its labels rebuilt from the canonical strings (the caller keeps that copy).
    /// </summary>
    public Labels Add(ulong seriesRef, Labels labels)
    {
        var interned = new Label[labels.Count];
        lock (_lock)
        {
            for (int i = 0; i < interned.Length; i++)
            {
                var l = labels[i];
                if (!_names.TryGetValue(l.Name, out var entry))
                {
                    entry = new LabelName(l.Name);
                    _names.Add(l.Name, entry);
                }
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(entry.Values, l.Value, out bool exists);
                if (!exists) list = new PostingsList(l.Value);
                list.Add(seriesRef);
                interned[i] = new Label(entry.Name, list.Value);
            }
            _all.Add(seriesRef);
            _version++;
        }
        return Labels.FromSortedUnsafe(interned);
    }

    /// <summary>Removes the given series (refs with the labels they were added with).</summary>
    public void Delete(IReadOnlyList<(ulong Ref, Labels Labels)> series)
    {
        if (series.Count == 0) return;
        var refs = new HashSet<ulong>(series.Count);
        foreach (var (r, _) in series) refs.Add(r);
        // Distinct pairs first: many deleted series share a pair (job="api"), and each list should be rebuilt once.
        var pairs = new HashSet<(string, string)>();
        foreach (var (_, labels) in series)
        {
            foreach (var l in labels) pairs.Add((l.Name, l.Value));
        }
        lock (_lock)
        {
            foreach (var (name, value) in pairs)
            {
                if (!_names.TryGetValue(name, out var entry)) continue;
                ref var list = ref CollectionsMarshal.GetValueRefOrNullRef(entry.Values, value);
                if (Unsafe.IsNullRef(ref list)) continue;
                list.RemoveAll(refs);
                if (list.Count == 0)
                {
                    entry.Values.Remove(value);
                    if (entry.Values.Count == 0) _names.Remove(name);
                }
            }
            _all.RemoveAll(refs);
        }
    }

    /// <summary>
    /// Counts completed <see cref="Add"/> calls. A reader that sees the same version before resolving postings and later knows
    /// that no series was added in between.
    /// </summary>
    public long Version
    {
        get { lock (_lock) return _version; }
    }

    /// <summary>All refs, sorted.</summary>
    public ReadOnlyMemory<ulong> All()
    {
        lock (_lock) return _all.Snapshot;
    }

    /// <summary>The refs of series with label <paramref name="name"/>=<paramref name="value"/>; empty when none.</summary>
    public ReadOnlyMemory<ulong> Get(string name, string value)
    {
        lock (_lock)
        {
            return _names.TryGetValue(name, out var entry) && entry.Values.TryGetValue(value, out var list) ? list.Snapshot : default;
        }
    }

    /// <summary>Snapshots of the postings of every value of <paramref name="name"/> for which <paramref name="accept"/> is true.</summary>
    public List<ReadOnlyMemory<ulong>> GetMatching(string name, Func<string, bool> accept)
    {
        var result = new List<ReadOnlyMemory<ulong>>();
        KeyValuePair<string, PostingsList>[] values;
        lock (_lock)
        {
            if (!_names.TryGetValue(name, out var entry)) return result;
            values = [.. entry.Values];
        }
        // The predicate (often a regex) runs outside the lock; the snapshots taken above stay valid.
        foreach (var (value, list) in values)
        {
            if (accept(value)) result.Add(list.Snapshot);
        }
        return result;
    }

    /// <summary>Sorted label names.</summary>
    public string[] LabelNames()
    {
        string[] names;
        lock (_lock) names = [.. _names.Keys];
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    /// <summary>Sorted values of one label name.</summary>
    public string[] LabelValues(string name)
    {
        string[] values;
        lock (_lock)
        {
            if (!_names.TryGetValue(name, out var entry)) return [];
            values = [.. entry.Values.Keys];
        }
        Array.Sort(values, StringComparer.Ordinal);
        return values;
    }

    /// <summary>Cardinality statistics for the TSDB status page, each list sorted by count, descending, and cut at topN.</summary>
    public IndexStats Stats(int topN)
    {
        var byMetric = new List<(string, long)>();
        var valuesByName = new List<(string, long)>();
        var bytesByName = new List<(string, long)>();
        var byPair = new List<(string, long)>();
        long pairs = 0;
        lock (_lock)
        {
            foreach (var (name, entry) in _names)
            {
                long bytes = 0;
                foreach (var (value, list) in entry.Values)
                {
                    pairs++;
                    bytes += (long)value.Length * list.Count;
                    byPair.Add(($"{name}={value}", list.Count));
                    if (name == Labels.MetricName) byMetric.Add((value, list.Count));
                }
                valuesByName.Add((name, entry.Values.Count));
                bytesByName.Add((name, bytes));
            }
        }
        return new IndexStats(pairs, Top(byMetric, topN), Top(valuesByName, topN), Top(bytesByName, topN), Top(byPair, topN));
    }

    private static IReadOnlyList<(string Name, long Count)> Top(List<(string Name, long Count)> items, int n)
    {
        items.Sort(static (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Name, b.Name));
        return items.Count > n ? items.GetRange(0, n) : items;
    }
}
