using System.Runtime.InteropServices;
using Argus.Model;

namespace Argus.Store.Index;

/// <summary>
/// The head's inverted index: label name → label value → sorted postings (series refs), plus the list of all refs.
/// <para>Maintained incrementally: the head hands out refs in increasing order, so adding a series appends to the end of each
/// of its label pairs' lists in O(1), and queries never wait for a rebuild. Deletion (head GC) rebuilds only the affected
/// lists. One lock guards the maps; readers copy out array snapshots under it (see <see cref="PostingsList"/>) and do the set
/// algebra outside it.</para>
/// <para>The index doubles as the label store of head series: every distinct label pair has a small integer id (its slot in
/// the pair table, reused after the pair's last series is deleted), and a head series keeps only the ids of its pairs
/// (<see cref="Add(ulong, Labels, int[])"/>), 4 bytes a label instead of a 16-byte <see cref="Label"/> plus a
/// <see cref="Labels"/> object. <see cref="LabelsOf"/> materialises the label set when a query, the API or the WAL needs it.
/// Names and values are stored once, so identical strings are shared by every series, and a string is released when the last
/// series using it is garbage-collected.</para>
/// <para>Pair ids of a series stay valid while the series is indexed, i.e. until <see cref="Delete"/> removes it; the
/// id-based readers (<see cref="LabelsOf"/>, <see cref="PairsEqual"/>, <see cref="PairAt"/>) take no lock, so their callers
/// must know the series is still indexed (the head holds the series' stripe lock and has seen it in its maps).</para>
/// </summary>
public sealed class MemPostings
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LabelName> _names = new(StringComparer.Ordinal);
    private readonly Stack<int> _freeIds = new();
    private PostingsList[] _pairs = new PostingsList[16];   // by pair id; replaced (copied) when full, read without the lock
    private int _pairCount;                                  // ids below this were handed out at least once
    private PostingsList _all = new("", "");

    /// <summary>Series added with a ref lower than one already indexed (each costs copies of the lists it joins).</summary>
    internal long OutOfOrderAdds { get; private set; }

    private bool _bulkLoading;

    /// <summary>
    /// Starts a bulk load (WAL replay): until <see cref="EndBulkLoad"/>, lists take refs in any order and are not valid for
    /// reading. The caller guarantees that nothing queries the index meanwhile.
    /// </summary>
    public void BeginBulkLoad()
    {
        lock (_lock) _bulkLoading = true;
    }

    /// <summary>Ends a bulk load: sorts the lists it left out of order (once each, instead of a copy per ref).</summary>
    public void EndBulkLoad()
    {
        lock (_lock)
        {
            _bulkLoading = false;
            _all.SortIfNeeded();
            for (int i = 0; i < _pairs.Length; i++) _pairs[i].SortIfNeeded();
            _version++;
        }
    }
    private long _version;

    private sealed class LabelName(string name)
    {
        public readonly string Name = name;
        public readonly Dictionary<string, int> Values = new(StringComparer.Ordinal);
    }

    /// <summary>Number of distinct label names.</summary>
    public int NameCount
    {
        get { lock (_lock) return _names.Count; }
    }

    /// <summary>Indexes a series and returns the ids of its label pairs, in label order.</summary>
    public int[] Add(ulong seriesRef, Labels labels)
    {
        var ids = new int[labels.Count];
        Add(seriesRef, labels, ids);
        return ids;
    }

    /// <summary>
    /// Indexes a series, writing the ids of its label pairs, in label order, into <paramref name="ids"/> (length
    /// labels.Count) before the ref becomes visible in any postings list: a reader that finds the ref finds the ids written.
    /// </summary>
    public void Add(ulong seriesRef, Labels labels, int[] ids)
    {
        if (ids.Length != labels.Count) throw new ArgumentException($"{ids.Length} pair ids for {labels.Count} labels", nameof(ids));
        lock (_lock)
        {
            for (int i = 0; i < ids.Length; i++)
            {
                var l = labels[i];
                if (!_names.TryGetValue(l.Name, out var entry))
                {
                    entry = new LabelName(l.Name);
                    _names.Add(l.Name, entry);
                }
                ref int id = ref CollectionsMarshal.GetValueRefOrAddDefault(entry.Values, l.Value, out bool exists);
                if (!exists) id = NewPair(entry.Name, l.Value);
                ids[i] = id;
            }
            if (_bulkLoading)
            {
                _all.AddUnordered(seriesRef);
                for (int i = 0; i < ids.Length; i++) _pairs[ids[i]].AddUnordered(seriesRef);
            }
            else
            {
                bool inOrder = _all.Add(seriesRef);
                for (int i = 0; i < ids.Length; i++) inOrder &= _pairs[ids[i]].Add(seriesRef);
                if (!inOrder) OutOfOrderAdds++;
            }
            _version++;
        }
    }

    // Under the lock. The value string becomes canonical: the one every materialised label set shares.
    private int NewPair(string name, string value)
    {
        if (!_freeIds.TryPop(out int id))
        {
            if (_pairCount == _pairs.Length)
            {
                var grown = new PostingsList[_pairs.Length * 2];
                _pairs.AsSpan().CopyTo(grown);
                Volatile.Write(ref _pairs, grown);
            }
            id = _pairCount++;
        }
        _pairs[id] = new PostingsList(name, value);
        return id;
    }

    /// <summary>The label set of an indexed series from its pair ids, with its known hash. No lock: see the class remarks.</summary>
    public Labels LabelsOf(ReadOnlySpan<int> ids, ulong hash)
    {
        var pairs = Volatile.Read(ref _pairs);
        var labels = new Label[ids.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            ref readonly var p = ref pairs[ids[i]];
            labels[i] = new Label(p.Name, p.Value);
        }
        return Labels.FromSortedUnsafe(labels, hash);
    }

    /// <summary>Whether the pairs of an indexed series are exactly <paramref name="labels"/>. No lock: see the class remarks.</summary>
    public bool PairsEqual(ReadOnlySpan<int> ids, Labels labels)
    {
        if (ids.Length != labels.Count) return false;
        var pairs = Volatile.Read(ref _pairs);
        var other = labels.AsSpan();
        for (int i = 0; i < ids.Length; i++)
        {
            ref readonly var p = ref pairs[ids[i]];
            if (!string.Equals(p.Value, other[i].Value, StringComparison.Ordinal) || !string.Equals(p.Name, other[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The name and value of one pair of an indexed series. No lock: see the class remarks.</summary>
    public Label PairAt(int id)
    {
        ref readonly var p = ref Volatile.Read(ref _pairs)[id];
        return new Label(p.Name, p.Value);
    }

    /// <summary>Removes the given series (refs with the pair ids they were added with); pairs left without series are freed.</summary>
    public void Delete(IReadOnlyList<(ulong Ref, int[] Pairs)> series)
    {
        if (series.Count == 0) return;
        var refs = new HashSet<ulong>(series.Count);
        foreach (var (r, _) in series) refs.Add(r);
        // Distinct pairs first: many deleted series share a pair (job="api"), and each list should be rebuilt once.
        var ids = new HashSet<int>();
        foreach (var (_, pairs) in series)
        {
            foreach (int id in pairs) ids.Add(id);
        }
        lock (_lock)
        {
            foreach (int id in ids)
            {
                ref var list = ref _pairs[id];
                if (list.Name is null) continue; // freed by an earlier call: the series was deleted twice
                list.RemoveAll(refs);
                if (list.Count > 0) continue;
                var entry = _names[list.Name];
                entry.Values.Remove(list.Value);
                if (entry.Values.Count == 0) _names.Remove(list.Name);
                list = default;
                _freeIds.Push(id);
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
            return _names.TryGetValue(name, out var entry) && entry.Values.TryGetValue(value, out int id) ? _pairs[id].Snapshot : default;
        }
    }

    /// <summary>Snapshots of the postings of every value of <paramref name="name"/> for which <paramref name="accept"/> is true.</summary>
    public List<ReadOnlyMemory<ulong>> GetMatching(string name, Func<string, bool> accept)
    {
        var result = new List<ReadOnlyMemory<ulong>>();
        (string Value, ReadOnlyMemory<ulong> Refs)[] values;
        lock (_lock)
        {
            if (!_names.TryGetValue(name, out var entry)) return result;
            values = new (string, ReadOnlyMemory<ulong>)[entry.Values.Count];
            int i = 0;
            foreach (var (value, id) in entry.Values) values[i++] = (value, _pairs[id].Snapshot);
        }
        // The predicate (often a regex) runs outside the lock; the snapshots taken above stay valid.
        foreach (var (value, refs) in values)
        {
            if (accept(value)) result.Add(refs);
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
                foreach (var (value, id) in entry.Values)
                {
                    ref readonly var list = ref _pairs[id];
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
