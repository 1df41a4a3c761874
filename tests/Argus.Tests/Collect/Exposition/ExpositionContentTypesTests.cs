using Argus.Collect.Exposition;

namespace Argus.Tests.Collect.Exposition;

public sealed class ExpositionContentTypesTests
{
    [Theory]
    [InlineData("application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.OpenMetrics)]
    [InlineData("application/openmetrics-text;version=0.0.1", ExpositionFormat.OpenMetrics)]
    [InlineData("Application/OpenMetrics-Text; Version=1.0.0", ExpositionFormat.OpenMetrics)]
    [InlineData("  application/openmetrics-text  ", ExpositionFormat.OpenMetrics)]
    [InlineData("text/plain; version=0.0.4; charset=utf-8", ExpositionFormat.PrometheusText)]
    [InlineData("text/plain", ExpositionFormat.PrometheusText)]
    [InlineData("application/json", ExpositionFormat.PrometheusText)]
    [InlineData("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited", ExpositionFormat.PrometheusText)]
    [InlineData("", ExpositionFormat.PrometheusText)]
    [InlineData(null, ExpositionFormat.PrometheusText)]
    public void FromContentType_ChoosesParserAsPrometheus2(string? contentType, ExpositionFormat expected) =>
        Assert.Equal(expected, ExpositionContentTypes.FromContentType(contentType));

    [Fact]
    public void ScrapeAccept_IsTheHeaderPrometheusSendsOnTheWire()
    {
        string request = File.ReadAllText(Path.Combine(ExpositionFixture.SharedDirectory, "contracts", "fixtures", "wire", "scrape-request.http"));
        string accept = request.Split('\n').Single(l => l.StartsWith("Accept:", StringComparison.Ordinal))["Accept:".Length..].Trim();
        Assert.Equal(ExpositionContentTypes.ScrapeAccept, accept);
    }
}
