using Argus.Model;
using Argus.Store.Head;
using Argus.Store.Index;
using CsCheck;

namespace Argus.Tests.Store.Head;

public sealed class SeriesTableTests
{
    [Fact]
    public void AddRemove_RandomRefs_MatchesDictionary()
    {
        // Refs of one stripe share their low bits, as in the head; a small range forces long probe runs and wrap-around.
        Gen.Select(Gen.Int[1, 300].Array[1, 400], Gen.Bool.Array[400]).Sample((keys, removes) =>
        {
            var table = new SeriesTable(byHash: false);
            var model = new Dictionary<ulong, MemSeries>();
            for (int i = 0; i < keys.Length; i++)
            {
                ulong r = (ulong)keys[i] << 12 | 7;
                if (removes[i] && model.Remove(r, out var gone))
                {
                    Assert.True(table.Remove(gone));
                    Assert.False(table.Remove(gone));
                }
                else
                {
                    var s = new MemSeries(r, (ulong)i);
                    table.Add(s); // replaces a series with the same ref
                    model[r] = s;
                }
                Assert.Equal(model.Count, table.Count);
            }
            foreach (var (r, s) in model) Assert.Same(s, table.GetByRef(r));
            for (int k = 1; k <= 300; k++)
            {
                ulong r = (ulong)k << 12 | 7;
                if (!model.ContainsKey(r)) Assert.Null(table.GetByRef(r));
            }
            var scanned = Enumerable.Range(0, table.Capacity).Select(table.SlotAt).OfType<MemSeries>().ToHashSet();
            Assert.True(scanned.SetEquals(model.Values));
        }, iter: 500);
    }

    [Fact]
    public void FindByLabels_HashCollision_ComparesLabels()
    {
        var index = new MemPostings();
        var a = Labels.FromStrings("__name__", "up", "job", "a");
        var b = Labels.FromStrings("__name__", "up", "job", "b");
        var table = new SeriesTable(byHash: true);
        // b is stored under a's hash, as an xxHash64 collision would: it comes first in a's probe run.
        var sb = new MemSeries(2, a.Hash) { Pairs = index.Add(2, b) };
        var sa = new MemSeries(1, a.Hash) { Pairs = index.Add(1, a) };
        table.Add(sb);
        table.Add(sa);
        Assert.Same(sa, table.FindByLabels(a, index));
        Assert.True(table.Remove(sb));
        Assert.Same(sa, table.FindByLabels(a, index));
        sa.Deleted = true;
        Assert.Null(table.FindByLabels(a, index));
    }

    [Fact]
    public void Remove_MostSeries_ShrinksAndKeepsTheRest()
    {
        var table = new SeriesTable(byHash: false);
        var all = Enumerable.Range(1, 1000).Select(i => new MemSeries((ulong)i, 0)).ToArray();
        foreach (var s in all) table.Add(s);
        int full = table.Capacity;
        foreach (var s in all.Take(990)) Assert.True(table.Remove(s));
        Assert.True(table.Capacity < full / 8, $"capacity {table.Capacity} after shrinking from {full}");
        foreach (var s in all.Skip(990)) Assert.Same(s, table.GetByRef(s.Ref));
        Assert.Equal(10, table.Count);
    }
}
