namespace Argus.Store.Index;

/// <summary>
/// Set operations over postings: sorted, duplicate-free lists of series refs. Results are written into caller-provided
/// destinations or new arrays; nothing here allocates per element.
/// </summary>
public static class Postings
{
    /// <summary>
    /// Writes the refs present in both <paramref name="a"/> and <paramref name="b"/> into <paramref name="dst"/> (which may alias
    /// <paramref name="a"/>: writes never overtake reads) and returns how many. <paramref name="dst"/> needs min(|a|,|b|) room.
    /// </summary>
    public static int Intersect(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        // Fast path: when one side is much shorter, gallop through the longer one (O(m log n) instead of O(m + n)).
        if (a.Length * 16 < b.Length) return Gallop(a, b, dst);
        if (b.Length * 16 < a.Length) return Gallop(b, a, dst);
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            ulong x = a[i], y = b[j];
            if (x == y)
            {
                dst[n++] = x;
                i++;
                j++;
            }
            else if (x < y) i++;
            else j++;
        }
        return n;
    }

    private static int Gallop(ReadOnlySpan<ulong> small, ReadOnlySpan<ulong> large, Span<ulong> dst)
    {
        int n = 0, lo = 0;
        foreach (ulong x in small)
        {
            // Exponential probe from the last position, then binary search within the bracket.
            int step = 1, hi = lo;
            while (hi < large.Length && large[hi] < x)
            {
                lo = hi + 1;
                hi += step;
                step <<= 1;
            }
            int end = Math.Min(hi + 1, large.Length); // large[hi] itself may equal x
            int k = large[lo..end].BinarySearch(x);
            if (k >= 0)
            {
                dst[n++] = x;
                lo += k + 1;
            }
            else
            {
                lo += ~k;
            }
            if (lo >= large.Length) break;
        }
        return n;
    }

    /// <summary>The intersection of all lists (the shortest first, so the working set only shrinks).</summary>
    public static ulong[] IntersectAll(IReadOnlyList<ReadOnlyMemory<ulong>> lists)
    {
        if (lists.Count == 0) return [];
        var order = new ReadOnlyMemory<ulong>[lists.Count];
        for (int i = 0; i < order.Length; i++) order[i] = lists[i];
        Array.Sort(order, static (x, y) => x.Length.CompareTo(y.Length));
        var acc = order[0].ToArray();
        int n = acc.Length;
        for (int i = 1; i < order.Length && n > 0; i++)
        {
            n = Intersect(acc.AsSpan(0, n), order[i].Span, acc);
        }
        return n == acc.Length ? acc : acc.AsSpan(0, n).ToArray();
    }

    /// <summary>Writes the refs of <paramref name="a"/> absent from <paramref name="b"/> into <paramref name="dst"/> (may alias a).</summary>
    public static int Subtract(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length)
        {
            ulong x = a[i];
            while (j < b.Length && b[j] < x) j++;
            if (j >= b.Length || b[j] != x) dst[n++] = x;
            i++;
        }
        return n;
    }

    /// <summary>The sorted union of all lists.</summary>
    public static ulong[] Union(IReadOnlyList<ReadOnlyMemory<ulong>> lists)
    {
        switch (lists.Count)
        {
            case 0: return [];
            case 1: return lists[0].ToArray();
            case 2: return Merge(lists[0].Span, lists[1].Span);
        }
        int total = 0;
        foreach (var l in lists) total += l.Length;
        // Concatenate and sort: for the many-short-lists case (a regex over a high-cardinality label) this beats a k-way heap.
        var all = new ulong[total];
        int at = 0;
        foreach (var l in lists)
        {
            l.Span.CopyTo(all.AsSpan(at));
            at += l.Length;
        }
        Array.Sort(all);
        int n = 0;
        for (int i = 0; i < all.Length; i++)
        {
            if (n == 0 || all[n - 1] != all[i]) all[n++] = all[i];
        }
        return n == all.Length ? all : all.AsSpan(0, n).ToArray();
    }

    private static ulong[] Merge(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var dst = new ulong[a.Length + b.Length];
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            ulong x = a[i], y = b[j];
            if (x == y) { dst[n++] = x; i++; j++; }
            else if (x < y) { dst[n++] = x; i++; }
            else { dst[n++] = y; j++; }
        }
        while (i < a.Length) dst[n++] = a[i++];
        while (j < b.Length) dst[n++] = b[j++];
        return n == dst.Length ? dst : dst.AsSpan(0, n).ToArray();
    }
}
