using Argus.Model;
using Argus.Store.Index;

namespace Argus.Store.Head;

/// <summary>
/// Reads the head over [Mint, Maxt]. Select resolves matchers through the index, then snapshots each matching series' chunks
/// under the exclusive isolation lock, so a commit is either entirely in the result or entirely absent. Series without samples
/// in the range are left out.
/// </summary>
internal sealed class HeadQuerier(Head head, long mint, long maxt) : IQuerier
{
    public long Mint => mint;
    public long Maxt => maxt;

    public ISeriesSet Select(bool sorted, params Matcher[] matchers)
    {
        // Resolve outside the exclusive lock (regexes may be slow); redo it inside only if series were added meanwhile, since a
        // batch committed in between may have written to them and must be seen whole.
        long version = head.Postings.Version;
        var refs = PostingsForMatchers.Resolve(head.Postings, matchers);
        var result = new List<HeadSeries>(refs.Length);
        var isolation = head.Isolation;
        isolation.EnterWriteLock();
        try
        {
            if (head.Postings.Version != version) refs = PostingsForMatchers.Resolve(head.Postings, matchers);
            foreach (ulong r in refs)
            {
                var stripe = head.Series.ForRef(r);
                lock (stripe.Lock)
                {
                    // Null when removed by GC since the postings were read. Found, it is still indexed, so under this lock its
                    // label set can be rebuilt from the index.
                    if (stripe.ByRef.GetByRef(r) is not { } s) continue;
                    var snap = s.Snapshot(mint, maxt);
                    if (!snap.IsEmpty) result.Add(new HeadSeries(head.LabelsOf(s), snap, mint, maxt));
                }
            }
        }
        finally
        {
            isolation.ExitWriteLock();
        }
        if (sorted) result.Sort(static (a, b) => Labels.Compare(a.Labels, b.Labels));
        return new HeadSeriesSet(result);
    }

    public IReadOnlyList<string> LabelNames(params Matcher[] matchers)
    {
        if (matchers.Length == 0) return head.Postings.LabelNames();
        var names = new HashSet<string>(StringComparer.Ordinal);
        CollectPairs(matchers, names, onlyName: null);
        var sorted = names.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    public IReadOnlyList<string> LabelValues(string name, params Matcher[] matchers)
    {
        if (matchers.Length == 0) return head.Postings.LabelValues(name);
        var values = new HashSet<string>(StringComparer.Ordinal);
        CollectPairs(matchers, values, onlyName: name);
        var sorted = values.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    /// <summary>
    /// Adds to <paramref name="into"/> the label names of the series matching <paramref name="matchers"/>, or, with
    /// <paramref name="onlyName"/>, their values of that label. Reads pair ids under each series' stripe lock, without
    /// materialising label sets.
    /// </summary>
    private void CollectPairs(Matcher[] matchers, HashSet<string> into, string? onlyName)
    {
        var index = head.Postings;
        foreach (ulong r in PostingsForMatchers.Resolve(index, matchers))
        {
            var stripe = head.Series.ForRef(r);
            lock (stripe.Lock)
            {
                if (stripe.ByRef.GetByRef(r) is not { } s) continue;
                foreach (int id in s.Pairs)
                {
                    var pair = index.PairAt(id);
                    if (onlyName is null) into.Add(pair.Name);
                    else if (string.Equals(pair.Name, onlyName, StringComparison.Ordinal)) into.Add(pair.Value);
                }
            }
        }
    }

    public void Dispose()
    {
        // Snapshots hold no locks or pooled buffers: nothing to release.
    }
}
