namespace Argus.Store.Blocks;

/// <summary>
/// Set operations on sorted series-id arrays (postings), as Prometheus's index.Intersect/Merge/Without do on iterators.
/// Materialized arrays keep the block querier simple; their cost is per query and per series, never per sample.
/// </summary>
internal static class BlockPostings
{
    public static int[] Intersect(int[] a, int[] b)
    {
        if (a.Length > b.Length) (a, b) = (b, a);
        var result = new List<int>(a.Length);
        int j = 0;
        foreach (int x in a)
        {
            // Fast path for a short list against a long one: gallop by binary search.
            if (j < b.Length && b[j] < x)
            {
                int k = Array.BinarySearch(b, j, b.Length - j, x);
                j = k >= 0 ? k : ~k;
            }
            if (j >= b.Length) break;
            if (b[j] == x) { result.Add(x); j++; }
        }
        return [.. result];
    }

    public static int[] Without(int[] a, int[] remove)
    {
        if (remove.Length == 0) return a;
        var result = new List<int>(a.Length);
        int j = 0;
        foreach (int x in a)
        {
            while (j < remove.Length && remove[j] < x) j++;
            if (j < remove.Length && remove[j] == x) continue;
            result.Add(x);
        }
        return [.. result];
    }

    public static int[] Union(List<int[]> lists)
    {
        if (lists.Count == 0) return [];
        if (lists.Count == 1) return lists[0];
        int total = 0;
        foreach (var l in lists) total += l.Length;
        var all = new int[total];
        int at = 0;
        foreach (var l in lists)
        {
            l.CopyTo(all, at);
            at += l.Length;
        }
        Array.Sort(all);
        int n = 0;
        for (int i = 0; i < all.Length; i++)
        {
            if (n == 0 || all[n - 1] != all[i]) all[n++] = all[i];
        }
        return n == all.Length ? all : all[..n];
    }
}
