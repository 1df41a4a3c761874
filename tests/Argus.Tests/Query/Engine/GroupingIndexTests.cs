using Argus.Model;
using Argus.Query.Engine;

namespace Argus.Tests.Query.Engine;

public sealed class GroupingIndexTests
{
    private static readonly Labels s_a1 = Labels.FromStrings(Labels.MetricName, "m", "job", "a", "pod", "1");
    private static readonly Labels s_a2 = Labels.FromStrings(Labels.MetricName, "n", "job", "a", "pod", "2");
    private static readonly Labels s_b1 = Labels.FromStrings(Labels.MetricName, "m", "job", "b", "pod", "1");
    private static readonly Labels s_noJob = Labels.FromStrings(Labels.MetricName, "m", "pod", "3");

    [Fact]
    public void GroupOf_By_KeepsListedLabelsInOrderOfFirstAppearance()
    {
        var index = new GroupingIndex(["job"], without: false);
        Assert.Equal([0, 1, 0, 2], new[] { index.GroupOf(s_b1), index.GroupOf(s_a1), index.GroupOf(s_b1), index.GroupOf(s_noJob) });
        Assert.Equal(1, index.GroupOf(s_a2));
        Assert.Equal([Labels.FromStrings("job", "b"), Labels.FromStrings("job", "a"), Labels.Empty], index.Groups);
    }

    [Fact]
    public void GroupOf_Without_DropsListedLabelsAndName()
    {
        var index = new GroupingIndex(["job"], without: true);
        Assert.Equal(index.GroupOf(s_a1), index.GroupOf(s_b1));
        Assert.NotEqual(index.GroupOf(s_a1), index.GroupOf(s_a2));
        Assert.Equal(Labels.FromStrings("pod", "1"), index.Groups[index.GroupOf(s_a1)]);
    }

    [Fact]
    public void GroupOf_ByName_KeepsName()
    {
        var index = new GroupingIndex([Labels.MetricName], without: false);
        Assert.Equal(index.GroupOf(s_a1), index.GroupOf(s_b1));
        Assert.NotEqual(index.GroupOf(s_a1), index.GroupOf(s_a2));
        Assert.Equal(Labels.FromStrings(Labels.MetricName, "n"), index.Groups[1]);
    }

    [Fact]
    public void GroupOf_ManyDistinctKeys_NeverMergesDifferentPairs()
    {
        // Enough keys that some 32-bit hashes would collide if equality were not checked: every key keeps its own group.
        var index = new GroupingIndex(["k"], without: false);
        for (int i = 0; i < 100_000; i++) Assert.Equal(i, index.GroupOf(Labels.FromStrings("k", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "x", "y")));
        for (int i = 0; i < 100_000; i += 997) Assert.Equal(i, index.GroupOf(Labels.FromStrings("k", i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(100_000, index.Count);
    }
}
