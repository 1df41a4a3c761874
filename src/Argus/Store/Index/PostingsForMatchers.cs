using Argus.Model;

namespace Argus.Store.Index;

/// <summary>
/// Resolves a conjunction of label matchers to the sorted refs of matching series using only the index, as Prometheus's
/// PostingsForMatchers does: matchers that reject the empty string are intersected; matchers that accept it (<c>a!="x"</c>,
/// <c>a=~"x|"</c>, <c>a=""</c>) instead subtract the series whose value they reject, so series lacking the label still match.
/// <para>Fast paths: <c>=</c> and <c>!=</c> are one list lookup; a regex that is an alternation of literals is a lookup per
/// literal; a regex with a literal prefix runs only on values with that prefix. Other regexes scan the label's values, never
/// the series.</para>
/// </summary>
public static class PostingsForMatchers
{
    public static ulong[] Resolve(MemPostings index, ReadOnlySpan<Matcher> matchers)
    {
        var intersect = new List<ReadOnlyMemory<ulong>>(matchers.Length);
        var subtract = new List<ReadOnlyMemory<ulong>>();
        foreach (var m in matchers)
        {
            if (m.MatchesEmpty)
            {
                var rejected = ForValues(index, m, wantMatch: false);
                if (rejected.Length > 0) subtract.Add(rejected);
            }
            else
            {
                var accepted = ForValues(index, m, wantMatch: true);
                if (accepted.Length == 0) return []; // an empty conjunct empties the result
                intersect.Add(accepted);
            }
        }
        if (intersect.Count == 0) intersect.Add(index.All());
        var result = Postings.IntersectAll(intersect);
        if (subtract.Count == 0 || result.Length == 0) return result;
        var without = Postings.Union(subtract);
        int n = Postings.Subtract(result, without, result);
        return n == result.Length ? result : result.AsSpan(0, n).ToArray();
    }

    /// <summary>The union of the postings of every value v of the matcher's label with m.Matches(v) == wantMatch.</summary>
    private static ReadOnlyMemory<ulong> ForValues(MemPostings index, Matcher m, bool wantMatch)
    {
        bool positive = wantMatch ? m.Type is MatcherType.Equal or MatcherType.Regexp : m.Type is MatcherType.NotEqual or MatcherType.NotRegexp;
        if (positive && m.Type is MatcherType.Equal or MatcherType.NotEqual)
        {
            // Fast path: exactly one value qualifies.
            return index.Get(m.Name, m.Value);
        }
        if (positive && m.SetMatches is { } set)
        {
            // Fast path: an alternation of literals is a lookup per literal.
            var lists = new List<ReadOnlyMemory<ulong>>(set.Count);
            foreach (string v in set)
            {
                var l = index.Get(m.Name, v);
                if (l.Length > 0) lists.Add(l);
            }
            return Postings.Union(lists);
        }
        if (positive && !string.IsNullOrEmpty(m.Prefix))
        {
            // Fast path: only values starting with the literal prefix can match; the cheap ordinal check goes first.
            string prefix = m.Prefix;
            return Postings.Union(index.GetMatching(m.Name, v => v.StartsWith(prefix, StringComparison.Ordinal) && m.Matches(v) == wantMatch));
        }
        return Postings.Union(index.GetMatching(m.Name, v => m.Matches(v) == wantMatch));
    }
}
