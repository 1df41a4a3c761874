using Argus.Model;
using Argus.Store.Index;

namespace Argus.Store.Blocks;

/// <summary>
/// Answers selections over one block: matchers become postings (set lookups for equality and literal alternations, a value
/// range for literal-prefix regexes, a scan of the label's values otherwise), intersected, with the series of negative
/// matchers removed, as Prometheus's PostingsForMatchers does. Series come in label order, since ids follow it.
/// An empty matcher list selects every series (used by compaction).
/// </summary>
internal sealed class BlockQuerier : IQuerier
{
    private readonly Block _block;
    private readonly IndexReader _index;
    private readonly ChunkSegmentReader _chunks;
    private int _disposed;

    public BlockQuerier(Block block, IndexReader index, ChunkSegmentReader chunks, long mint, long maxt)
    {
        _block = block;
        _index = index;
        _chunks = chunks;
        Mint = mint;
        Maxt = maxt;
    }

    public long Mint { get; }
    public long Maxt { get; }

    public ISeriesSet Select(bool sorted, params Matcher[] matchers)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        // A querier outside the block's range still answers (with nothing), as the merge querier asks every block.
        if (Maxt < _block.MinTime || Mint >= _block.MaxTime) return new BlockSeriesSet(_index, _chunks, [], Mint, Maxt, _block.Dir);
        return new BlockSeriesSet(_index, _chunks, PostingsForMatchers(matchers), Mint, Maxt, _block.Dir);
    }

    public IReadOnlyList<string> LabelNames(params Matcher[] matchers)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (matchers.Length == 0) return _index.LabelNames;
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (ulong id in PostingsForMatchers(matchers))
        {
            foreach (var l in _index.Series(id, null)) names.Add(l.Name);
        }
        return [.. names];
    }

    public IReadOnlyList<string> LabelValues(string name, params Matcher[] matchers)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (matchers.Length == 0) return _index.Values(name);
        var values = new SortedSet<string>(StringComparer.Ordinal);
        foreach (ulong id in PostingsForMatchers(matchers))
        {
            string v = _index.Series(id, null).Get(name);
            if (v.Length > 0) values.Add(v);
        }
        return [.. values];
    }

    /// <summary>Series ids matching all matchers, using the head's postings set operations (Store/Index/Postings).</summary>
    internal ulong[] PostingsForMatchers(Matcher[] matchers)
    {
        var intersect = new List<ReadOnlyMemory<ulong>>(matchers.Length);
        var subtract = new List<ReadOnlyMemory<ulong>>();
        foreach (var m in matchers)
        {
            if (m.MatchesEmpty)
            {
                // Selects series lacking the label too: remove those whose value does not match.
                var ids = ValuePostings(m, wantMatch: false);
                if (ids.Length > 0) subtract.Add(ids);
            }
            else
            {
                var ids = ValuePostings(m, wantMatch: true);
                if (ids.Length == 0) return []; // an empty conjunct empties the result
                intersect.Add(ids);
            }
        }
        if (intersect.Count == 0) intersect.Add(_index.AllPostings());
        var result = Postings.IntersectAll(intersect);
        if (subtract.Count == 0 || result.Length == 0) return result;
        var without = Postings.Union(subtract);
        int n = Postings.Subtract(result, without, result);
        return n == result.Length ? result : result[..n];
    }

    /// <summary>Postings of the series whose value of m.Name satisfies (m.Matches(value) == wantMatch); absent labels excluded.</summary>
    private ulong[] ValuePostings(Matcher m, bool wantMatch)
    {
        var values = _index.Values(m.Name);
        if (values.Length == 0) return [];
        var hits = new List<int>();
        bool positive = wantMatch == (m.Type is MatcherType.Equal or MatcherType.Regexp); // want values the pattern accepts
        if (positive && m.Type is MatcherType.Equal or MatcherType.NotEqual)
        {
            // Fast path: one literal.
            int i = Array.BinarySearch(values, m.Value, StringComparer.Ordinal);
            if (i >= 0) hits.Add(i);
        }
        else if (positive && m.SetMatches is { } set)
        {
            // Fast path: an alternation of literals is a handful of lookups.
            foreach (var s in set)
            {
                int i = Array.BinarySearch(values, s, StringComparer.Ordinal);
                if (i >= 0) hits.Add(i);
            }
            hits.Sort();
        }
        else if (positive && !string.IsNullOrEmpty(m.Prefix))
        {
            // Fast path: only values starting with the literal prefix can match; they are contiguous in sorted order.
            int i = Array.BinarySearch(values, m.Prefix, StringComparer.Ordinal);
            if (i < 0) i = ~i;
            for (; i < values.Length && values[i].StartsWith(m.Prefix, StringComparison.Ordinal); i++)
            {
                if (m.Matches(values[i]) == wantMatch) hits.Add(i);
            }
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (m.Matches(values[i]) == wantMatch) hits.Add(i);
            }
        }
        return _index.PostingsForValueIndexes(m.Name, hits);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _block.Release();
    }
}
