using Argus.Model;

namespace Argus.Tests.Model;

public sealed class LabelsTests
{
    [Fact]
    public void FromStrings_SortsDropsEmptyAndKeepsLastDuplicate()
    {
        var l = Labels.FromStrings("b", "2", "a", "1", "c", "", "b", "3");
        Assert.Equal("{a=\"1\", b=\"3\"}", l.ToString());
        Assert.Equal(2, l.Count);
        Assert.Equal("", l.Get("c"));
    }

    [Fact]
    public void EqualSetsHaveEqualHashes()
    {
        var a = Labels.FromStrings("__name__", "up", "job", "x");
        var b = Labels.FromStrings("job", "x", "__name__", "up");
        Assert.Equal(a, b);
        Assert.Equal(a.Hash, b.Hash);
        Assert.NotEqual(a.Hash, Labels.FromStrings("__name__", "up", "job", "y").Hash);
    }

    [Fact]
    public void StaleNaN_IsRecognisedByBitsOnly()
    {
        Assert.True(StaleNaN.IsStale(StaleNaN.Value));
        Assert.False(StaleNaN.IsStale(double.NaN));
    }

    [Theory]
    [InlineData("a|b|c", new[] { "a", "b", "c" })]
    [InlineData("(?:foo|bar)", new[] { "foo", "bar" })]
    [InlineData("x\\.y", new[] { "x.y" })]
    public void RegexSetMatches(string re, string[] expected)
    {
        var m = new Matcher(MatcherType.Regexp, "l", re);
        Assert.Equal(expected, m.SetMatches);
    }

    [Theory]
    [InlineData("foo.*", "foo")]
    [InlineData("fo+", "fo")]
    [InlineData("fo*x", "f")]
    [InlineData(".*", "")]
    public void RegexPrefix(string re, string prefix)
    {
        var m = new Matcher(MatcherType.Regexp, "l", re);
        Assert.Null(m.SetMatches);
        Assert.Equal(prefix, m.Prefix);
    }

    [Fact]
    public void RegexIsAnchored()
    {
        var m = new Matcher(MatcherType.Regexp, "l", "fo");
        Assert.False(m.Matches("foo"));
        Assert.True(m.Matches("fo"));
    }
}
