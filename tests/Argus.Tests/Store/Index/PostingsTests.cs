using Argus.Store.Index;
using CsCheck;

namespace Argus.Tests.Store.Index;

public sealed class PostingsTests
{
    // Sorted, duplicate-free lists; sizes vary widely so both the merge and the galloping paths run.
    private static readonly Gen<ulong[]> s_list = Gen.Frequency(
        (3, Gen.ULong[0, 200].Array[0, 60]),
        (2, Gen.ULong[0, 5000].Array[0, 2000]),
        (1, Gen.ULong.Array[0, 20])).Select(a => a.Distinct().Order().ToArray());

    [Fact]
    public void Intersect_AnyTwoLists_EqualsNaiveScan()
    {
        Gen.Select(s_list, s_list).Sample((a, b) =>
        {
            var dst = new ulong[Math.Min(a.Length, b.Length)];
            int n = Postings.Intersect(a, b, dst);
            Assert.Equal(a.Where(b.Contains).ToArray(), dst[..n]);
        }, iter: 3000);
    }

    [Fact]
    public void IntersectAll_ManyLists_EqualsNaiveScan()
    {
        s_list.Array[1, 6].Sample(lists =>
        {
            IEnumerable<ulong> expected = lists[0];
            foreach (var l in lists.Skip(1)) expected = expected.Intersect(l);
            var actual = Postings.IntersectAll(lists.Select(l => new ReadOnlyMemory<ulong>(l)).ToList());
            Assert.Equal(expected.Order().ToArray(), actual);
        }, iter: 1000);
    }

    [Fact]
    public void Union_ManyLists_EqualsNaiveScan()
    {
        s_list.Array[0, 6].Sample(lists =>
        {
            var actual = Postings.Union(lists.Select(l => new ReadOnlyMemory<ulong>(l)).ToList());
            Assert.Equal(lists.SelectMany(l => l).Distinct().Order().ToArray(), actual);
        }, iter: 1000);
    }

    [Fact]
    public void Subtract_AnyTwoLists_EqualsNaiveScan()
    {
        Gen.Select(s_list, s_list).Sample((a, b) =>
        {
            var dst = new ulong[a.Length];
            int n = Postings.Subtract(a, b, dst);
            Assert.Equal(a.Where(x => !b.Contains(x)).ToArray(), dst[..n]);
        }, iter: 2000);
    }

    [Fact]
    public void Intersect_InPlace_WritesNeverOvertakeReads()
    {
        ulong[] a = [1, 3, 5, 7, 9, 11];
        int n = Postings.Intersect(a, [3, 4, 9, 11, 12], a);
        Assert.Equal([3UL, 9, 11], a[..n]);
    }
}
