using Argus.Model;
using Argus.Store.Index;
using CsCheck;

namespace Argus.Tests.Store.Index;

public sealed class PostingsForMatchersTests
{
    private static readonly string[] s_values = ["", "a", "b", "ab", "abc", "foo", "foobar", "bar", "x.y", "1"];

    private static readonly Gen<Labels> s_labels =
        from job in Gen.Int[0, s_values.Length - 1]
        from inst in Gen.Int[0, s_values.Length - 1]
        from mode in Gen.Int[0, s_values.Length - 1]
        select Labels.FromStrings("__name__", "m", "job", s_values[job], "instance", s_values[inst], "mode", s_values[mode]);

    private static readonly string[] s_patterns = ["a", "a|b", "foo.*", "(foo|bar)", "a.*|b", ".*", ".+", "", "ab?c?", "x\\.y", "fo+.*", "|a"];

    private static readonly Gen<Matcher> s_matcher =
        from name in Gen.Int[0, 3].Select(i => new[] { "job", "instance", "mode", "absent" }[i])
        from type in Gen.Int[0, 3].Select(i => (MatcherType)i)
        from eq in Gen.Int[0, s_values.Length - 1]
        from re in Gen.Int[0, s_patterns.Length - 1]
        select new Matcher(type, name, type is MatcherType.Equal or MatcherType.NotEqual ? s_values[eq] : s_patterns[re]);

    [Fact]
    public void Resolve_AnyMatchers_EqualsNaiveScan()
    {
        Gen.Select(s_labels.Array[0, 60], s_matcher.Array[1, 4]).Sample((series, matchers) =>
        {
            var index = new MemPostings();
            var byRef = new Dictionary<ulong, Labels>();
            ulong next = 1;
            foreach (var l in series.Distinct())
            {
                byRef[next] = l;
                index.Add(next++, l);
            }
            var expected = byRef.Where(kv => matchers.All(m => m.Matches(kv.Value.Get(m.Name)))).Select(kv => kv.Key).Order().ToArray();
            Assert.Equal(expected, PostingsForMatchers.Resolve(index, matchers));
        }, iter: 1500);
    }

    [Fact]
    public void Resolve_AfterDelete_ForgetsDeletedSeries()
    {
        var index = new MemPostings();
        var a = Labels.FromStrings("__name__", "up", "job", "api");
        var b = Labels.FromStrings("__name__", "up", "job", "db");
        var pairsOfA = index.Add(1, a);
        index.Add(2, b);
        index.Delete([(1UL, pairsOfA)]);
        Assert.Equal([2UL], PostingsForMatchers.Resolve(index, [Matcher.Equal("__name__", "up")]));
        Assert.Empty(PostingsForMatchers.Resolve(index, [Matcher.Equal("job", "api")]));
        Assert.Equal(["db"], index.LabelValues("job"));
    }

    [Fact]
    public void Add_OutOfOrderRef_KeepsPostingsSorted()
    {
        var index = new MemPostings();
        index.Add(5, Labels.FromStrings("job", "x"));
        index.Add(2, Labels.FromStrings("job", "x"));
        index.Add(9, Labels.FromStrings("job", "x"));
        Assert.Equal([2UL, 5, 9], index.Get("job", "x").ToArray());
        Assert.Equal([2UL, 5, 9], index.All().ToArray());
    }

    [Fact]
    public void LabelsOf_SharedPair_ReturnsCanonicalStrings()
    {
        var index = new MemPostings();
        var a = Labels.FromStrings("job", new string("api".ToCharArray()), "pod", "p-1");
        var b = Labels.FromStrings("job", new string("api".ToCharArray()), "pod", "p-2");
        var first = index.LabelsOf(index.Add(1, a), a.Hash);
        var second = index.LabelsOf(index.Add(2, b), b.Hash);
        Assert.Equal(a, first);
        Assert.Equal(b, second);
        Assert.Same(first[0].Value, second[0].Value);
        Assert.Same(first[0].Name, second[0].Name);
    }

    [Fact]
    public void Add_SharedPair_SharesPairId()
    {
        var index = new MemPostings();
        var first = index.Add(1, Labels.FromStrings("job", "api", "pod", "p-1"));
        var second = index.Add(2, Labels.FromStrings("job", "api", "pod", "p-2"));
        Assert.Equal(first[0], second[0]);
        Assert.NotEqual(first[1], second[1]);
    }

    [Fact]
    public void Delete_LastSeriesOfPair_ReusesItsIdForANewPair()
    {
        var index = new MemPostings();
        var a = Labels.FromStrings("job", "api", "pod", "p-1");
        var pairsOfA = index.Add(1, a);
        index.Add(2, Labels.FromStrings("job", "api", "pod", "p-2"));
        index.Delete([(1UL, pairsOfA)]);
        var c = Labels.FromStrings("job", "api", "pod", "p-3");
        var pairsOfC = index.Add(3, c);
        Assert.Equal(pairsOfA[1], pairsOfC[1]); // p-1's slot, now p-3's
        Assert.Equal(c, index.LabelsOf(pairsOfC, c.Hash));
        Assert.Equal(["p-2", "p-3"], index.LabelValues("pod"));
        Assert.Equal([3UL], index.Get("pod", "p-3").ToArray());
        Assert.Empty(index.Get("pod", "p-1").ToArray());
        Assert.True(index.PairsEqual(pairsOfC, c));
        Assert.False(index.PairsEqual(pairsOfC, a));
    }

    [Fact]
    public void AddDelete_RandomSeries_LabelsAndPostingsMatchModel()
    {
        Gen.Select(s_labels.Array[1, 40], Gen.Int[0, 1000]).Sample((series, seed) =>
        {
            var index = new MemPostings();
            var live = new Dictionary<ulong, (Labels Labels, int[] Pairs)>();
            var rnd = new Random(seed);
            ulong next = 1;
            foreach (var l in series)
            {
                live[next] = (l, index.Add(next, l));
                next++;
                if (rnd.Next(3) == 0 && live.Count > 0)
                {
                    var victim = live.Keys.ElementAt(rnd.Next(live.Count));
                    index.Delete([(victim, live[victim].Pairs)]);
                    live.Remove(victim);
                }
            }
            foreach (var (r, (labels, pairs)) in live)
            {
                Assert.Equal(labels, index.LabelsOf(pairs, labels.Hash));
                foreach (var l in labels) Assert.Contains(r, index.Get(l.Name, l.Value).ToArray());
            }
            Assert.Equal(live.Keys.Order().ToArray(), index.All().ToArray());
            var expectedNames = live.Values.SelectMany(x => x.Labels.Select(l => l.Name)).Distinct().Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(expectedNames, index.LabelNames());
        }, iter: 300);
    }
}
