using Argus.Serve.Api;

namespace Argus.Tests.Serve;

/// <summary>The snapshot endpoint's parameter and naming rules; the endpoint itself runs in PrometheusReadsArgusTests.</summary>
public sealed class SnapshotApiTests
{
    [Theory]
    [InlineData("1", true, true)]
    [InlineData("False", true, false)]
    [InlineData("yes", false, false)]
    public void TryParseGoBool_SkipHead_ParsedAsGoParseBool(string raw, bool ok, bool value)
    {
        Assert.Equal(ok, SnapshotApi.TryParseGoBool(raw, out bool v));
        Assert.Equal(value, v);
    }

    [Fact]
    public void SnapshotName_PrometheusFormat() =>
        Assert.Equal("20260102T030405Z-000000000000beef", SnapshotApi.SnapshotName(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), 0xbeef));
}
