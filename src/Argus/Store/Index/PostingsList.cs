namespace Argus.Store.Index;

/// <summary>
/// One label pair of the head index and the sorted, growable list of refs of the series that have it, owned by
/// <see cref="MemPostings"/> (an element of its pair table, addressed by pair id) and mutated only under its lock.
/// <para>Snapshots are immutable: appends write only past <see cref="Count"/> (or into a new array when full), and anything that
/// would change an element below <see cref="Count"/> (an out-of-order insert, a deletion) builds a new array. So a reader can
/// take (<see cref="Items"/>, <see cref="Count"/>) under the lock and read it afterwards without one.</para>
/// </summary>
internal struct PostingsList
{
    /// <summary>The canonical (interned) name and value strings of this label pair: materialised series labels point at them.</summary>
    public string Name;
    public string Value;
    public ulong[] Items;
    public int Count;

    /// <summary>Set by a bulk load that appended refs out of order; <see cref="SortIfNeeded"/> restores the order.</summary>
    public bool Unsorted;

    public PostingsList(string name, string value)
    {
        Name = name;
        Value = value;
        Items = [];
        Count = 0;
    }

    public readonly ReadOnlyMemory<ulong> Snapshot => new(Items, 0, Count);

    /// <summary>Adds a ref; returns false when it had to take the slow, copying out-of-order path.</summary>
    public bool Add(ulong r)
    {
        if (Count > 0 && Items[Count - 1] >= r)
        {
            InsertOutOfOrder(r);
            return false;
        }
        // Fast path: refs are handed out in increasing order, so a new series almost always goes to the end.
        if (Count == Items.Length)
        {
            // Start exact (most label values of high-cardinality labels have one series), then double while short; long lists
            // (job, __name__, namespace: most of the index's bytes) grow by a quarter, so their spare capacity stays near 10 %
            // instead of 25-50 %. Series creation is rare next to appends, so the extra copying does not show.
            var grown = new ulong[Count == 0 ? 1 : Count < 4 ? 4 : Count < 256 ? Count * 2 : Count + (Count >> 2)];
            Items.AsSpan(0, Count).CopyTo(grown);
            Items = grown;
        }
        Items[Count++] = r;
        return true;
    }

    /// <summary>
    /// Bulk loading (WAL replay, when no reader exists yet): append whatever the order and sort once at the end, instead of
    /// copying the list for every out-of-order ref. Series records reach the WAL batch by batch, not in ref order.
    /// </summary>
    public void AddUnordered(ulong r)
    {
        if (Count > 0 && Items[Count - 1] >= r) Unsorted = true;
        if (Count == Items.Length)
        {
            var grown = new ulong[Count == 0 ? 1 : Count < 4 ? 4 : Count < 256 ? Count * 2 : Count + (Count >> 2)];
            Items.AsSpan(0, Count).CopyTo(grown);
            Items = grown;
        }
        Items[Count++] = r;
    }

    /// <summary>Sorts and de-duplicates a list that <see cref="AddUnordered"/> left out of order.</summary>
    public void SortIfNeeded()
    {
        if (!Unsorted) return;
        var span = Items.AsSpan(0, Count);
        span.Sort();
        int w = 0;
        for (int i = 0; i < span.Length; i++)
        {
            if (w == 0 || span[w - 1] != span[i]) span[w++] = span[i];
        }
        Count = w;
        Unsorted = false;
    }

    private void InsertOutOfOrder(ulong r)
    {
        int i = Items.AsSpan(0, Count).BinarySearch(r);
        if (i >= 0) return; // already present
        i = ~i;
        var copy = new ulong[Math.Max(Count + 1, Items.Length)];
        Items.AsSpan(0, i).CopyTo(copy);
        copy[i] = r;
        Items.AsSpan(i, Count - i).CopyTo(copy.AsSpan(i + 1));
        Items = copy;
        Count++;
    }

    /// <summary>Removes the refs in <paramref name="deleted"/>, into a new exactly-sized array when any is present.</summary>
    public void RemoveAll(HashSet<ulong> deleted)
    {
        int keep = 0;
        for (int i = 0; i < Count; i++)
        {
            if (!deleted.Contains(Items[i])) keep++;
        }
        if (keep == Count) return;
        var next = new ulong[keep];
        int j = 0;
        for (int i = 0; i < Count; i++)
        {
            if (!deleted.Contains(Items[i])) next[j++] = Items[i];
        }
        Items = next;
        Count = keep;
    }
}
