using Argus.Serve.Api;

namespace Argus.Tests.Serve.Api;

public sealed class ApiParamsTests
{
    [Theory]
    [InlineData("1435781451.781", 1435781451781)]
    [InlineData("-1", -1000)]
    [InlineData("1e9", 1_000_000_000_000)]
    [InlineData("4", 4000)]
    [InlineData("1795560000.2504", 1795560000250)]
    [InlineData("2026-11-24T23:00:00.123+01:00", 1795557600123)]
    [InlineData("2015-07-01T20:10:51.781Z", 1435781451781)]
    public void TimesAreFloatSecondsOrRfc3339(string s, long ms)
    {
        Assert.True(ApiParams.TryParseTime(s, out long got));
        Assert.Equal(ms, got);
    }

    [Theory]
    [InlineData("notatime")]
    [InlineData("")]
    [InlineData("2015-07-01")]
    public void BadTimesAreRejected(string s) => Assert.False(ApiParams.TryParseTime(s, out _));

    [Theory]
    [InlineData("15", 15_000)]
    [InlineData("0.25", 250)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("0", 0)]
    public void DurationsAreFloatSecondsOrPrometheusDurations(string s, long ms)
    {
        Assert.True(ApiParams.TryParseDuration(s, out var d, out _));
        Assert.Equal(ms, (long)d.TotalMilliseconds);
    }

    [Theory]
    [InlineData("1ns", "cannot parse \"1ns\" to a valid duration")]
    [InlineData("1.5h", "cannot parse \"1.5h\" to a valid duration")]
    [InlineData("30m1h", "cannot parse \"30m1h\" to a valid duration")]
    [InlineData("1e300", "cannot parse \"1e300\" to a valid duration. It overflows int64")]
    public void BadDurationsSayWhy(string s, string error)
    {
        Assert.False(ApiParams.TryParseDuration(s, out _, out string? got));
        Assert.Equal(error, got);
    }
}
