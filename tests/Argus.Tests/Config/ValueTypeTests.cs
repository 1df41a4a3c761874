using System.Text;
using Argus.Config;
using CsCheck;

namespace Argus.Tests.Config;

public sealed class ValueTypeTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("0s", 0L)]
    [InlineData("100ms", 100L)]
    [InlineData("15s", 15_000L)]
    [InlineData("1h30m", 5_400_000L)]
    [InlineData("1d", 86_400_000L)]
    [InlineData("1w", 604_800_000L)]
    [InlineData("1y", 31_536_000_000L)]
    [InlineData("1y2w3d4h5m6s7ms", 31_536_000_000L + 1_209_600_000L + 259_200_000L + 14_400_000L + 300_000L + 6_000L + 7L)]
    public void PromDuration_Parse_Valid(string s, long ms) => Assert.Equal(TimeSpan.FromMilliseconds(ms), PromDuration.Parse(s));

    [Theory]
    [InlineData("", "empty duration string")]
    [InlineData("1", "not a valid duration string: \"1\"")]
    [InlineData("1m1h", "not a valid duration string: \"1m1h\"")]
    [InlineData("1s1s", "not a valid duration string: \"1s1s\"")]
    [InlineData("-1s", "not a valid duration string: \"-1s\"")]
    [InlineData("1.5s", "not a valid duration string: \"1.5s\"")]
    [InlineData("1x", "not a valid duration string: \"1x\"")]
    [InlineData(" 1s", "not a valid duration string: \" 1s\"")]
    public void PromDuration_Parse_Invalid(string s, string error)
    {
        Assert.False(PromDuration.TryParse(s, out _, out var actual));
        Assert.Equal(error, actual);
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(100L, "100ms")]
    [InlineData(90_000L, "1m30s")]
    [InlineData(5_400_000L, "1h30m")]
    [InlineData(604_800_000L, "1w")]
    [InlineData(7_776_000_000L, "90d")]          // years/weeks only when exact
    [InlineData(31_536_000_000L, "1y")]
    [InlineData(1_296_000_000L, "15d")]
    [InlineData(16950304076581L, "196184d1h47m56s581ms")]
    public void PromDuration_Format_LikeModelDuration(long ms, string expected) =>
        Assert.Equal(expected, PromDuration.Format(TimeSpan.FromMilliseconds(ms)));

    [Fact]
    public void PromDuration_FormatParse_RoundTrips() =>
        Gen.Long[0, 1L << 45].Sample(ms => PromDuration.Parse(PromDuration.Format(TimeSpan.FromMilliseconds(ms))) == TimeSpan.FromMilliseconds(ms));

    [Theory]
    [InlineData("0", 0L, "0B")]
    [InlineData("100B", 100L, "100B")]
    [InlineData("1KB", 1024L, "1KiB")]
    [InlineData("512MB", 512L << 20, "512MiB")]
    [InlineData("1GiB", 1L << 30, "1GiB")]
    [InlineData("2TB", 2L << 40, "2TiB")]
    public void ByteSize_ParseAndFormat(string s, long bytes, string formatted)
    {
        Assert.True(ByteSize.TryParse(s, out var size, out _));
        Assert.Equal(bytes, size.Bytes);
        Assert.Equal(formatted, size.ToString());
    }

    [Theory]
    [InlineData("10")]
    [InlineData("MB")]
    [InlineData("1.5GB")]
    [InlineData("99999999999EB")]
    public void ByteSize_Invalid(string s) => Assert.False(ByteSize.TryParse(s, out _, out _));

    [Fact]
    public void Secret_NeverPrinted() => Assert.Equal("<secret>", $"{new Secret("p4ss")}");

    [Theory]
    [InlineData("foo", "foo", true)]
    [InlineData("foo", "xfoo", false)]       // anchored at the start
    [InlineData("foo", "foo\n", false)]      // and at the very end (no trailing-newline match)
    [InlineData("a.b", "a\nb", true)]        // (?s)
    [InlineData(@"\d+", "١٢", false)]         // RE2 \d is ASCII only
    [InlineData(@"[\d]+", "42", true)]
    [InlineData(@"\pL+", "abc", true)]
    [InlineData("[]a]+", "]a", true)]
    [InlineData("a|b", "b", true)]
    public void RelabelRegex_MatchesLikeRe2(string pattern, string input, bool expected) =>
        Assert.Equal(expected, new RelabelRegex(pattern).IsMatch(input));

    [Theory]
    [InlineData("(a)(b)", "$2$1", "ba")]
    [InlineData("(a)(b)", "${2}x$1", "bxa")]
    [InlineData("(a)(b)", "$2x", "")]               // group "2x" does not exist
    [InlineData("(a)(b)", "$$1", "$1")]
    [InlineData("(a)(b)", "$", "$")]
    [InlineData("(a)(b)", "${1", "${1")]            // malformed: literal
    [InlineData("(a)(b)", "$01", "")]               // leading zero: a name, not a number
    [InlineData("(?P<x>a)(b)", "$x-$1-$2", "a-a-b")] // Go numbers named groups in order
    [InlineData("(?<x>a)(?:c)?(b)", "${x}$2", "ab")]
    public void RelabelRegex_Expand_LikeGo(string pattern, string template, string expected)
    {
        var re = new RelabelRegex(pattern);
        var m = re.Regex.Match("ab");
        Assert.True(m.Success);
        Assert.Equal(expected, re.Expand(template, m));
    }
}
