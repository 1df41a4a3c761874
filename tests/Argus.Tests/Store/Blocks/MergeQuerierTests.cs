using Argus.Model;
using Argus.Store;
using Argus.Store.Blocks;

namespace Argus.Tests.Store.Blocks;

public sealed class MergeQuerierTests
{
    private static readonly Labels s_a = Labels.FromStrings("__name__", "m", "i", "a");
    private static readonly Labels s_b = Labels.FromStrings("__name__", "m", "i", "b");
    private static readonly Labels s_c = Labels.FromStrings("__name__", "m", "i", "c");

    [Fact]
    public void Select_OverlappingQueriers_MergesSeriesAndDedupsEqualTimestamps()
    {
        var first = new MemoryQuerier(new Dictionary<Labels, Sample[]>
        {
            [s_a] = [new(1, 1), new(3, 3), new(5, 5)],
            [s_c] = [new(1, 10)],
        }, 0, 100);
        var second = new MemoryQuerier(new Dictionary<Labels, Sample[]>
        {
            [s_a] = [new(2, 2), new(3, 30), new(6, 6)],
            [s_b] = [new(4, 4)],
        }, 0, 100);
        using var merge = new MergeQuerier([first, second], 0, 100);
        var got = StoreRead.All(merge);
        Assert.Equal([s_a, s_b, s_c], got.Select(g => g.Labels));
        Assert.Equal([new(1, 1), new(2, 2), new(3, 3), new(5, 5), new(6, 6)], got[0].Samples);
        Assert.Equal(["a", "b", "c"], merge.LabelValues("i"));
    }

    [Fact]
    public void Iterator_Seek_AcrossParts()
    {
        var first = new MemoryQuerier(new Dictionary<Labels, Sample[]> { [s_a] = [new(1, 1), new(10, 10)] }, 0, 100);
        var second = new MemoryQuerier(new Dictionary<Labels, Sample[]> { [s_a] = [new(5, 5), new(10, 99), new(12, 12)] }, 0, 100);
        using var merge = new MergeQuerier([first, second], 0, 100);
        var set = merge.Select(false, Matcher.Equal("i", "a"));
        Assert.True(set.Next());
        var it = set.At.Iterator();
        Assert.True(it.Seek(4));
        Assert.Equal((5L, 5.0), (it.T, it.V));
        Assert.True(it.Next());
        Assert.Equal((10L, 10.0), (it.T, it.V));
        Assert.True(it.Next());
        Assert.Equal(12, it.T);
        Assert.False(it.Next());
        Assert.False(set.Next());
    }

    [Fact]
    public void Dispose_DisposesChildren()
    {
        var first = new MemoryQuerier(new Dictionary<Labels, Sample[]>(), 0, 1);
        var second = new MemoryQuerier(new Dictionary<Labels, Sample[]>(), 0, 1);
        new MergeQuerier(new IQuerier[] { first, second }, 0, 1).Dispose();
        Assert.True(first.Disposed && second.Disposed);
    }
}
