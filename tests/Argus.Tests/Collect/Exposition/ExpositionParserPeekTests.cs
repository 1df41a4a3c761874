using System.Text;
using Argus.Collect.Exposition;

namespace Argus.Tests.Collect.Exposition;

public sealed class ExpositionParserPeekTests
{
    [Theory]
    [InlineData("a{x=\"1\"} 5\n", 8, true)]
    [InlineData("a{x=\"1\"}\t5\n", 8, true)]
    [InlineData("a 5\n", 1, true)]
    [InlineData("a {x=\"1\"} 5\n", 1, false)]     // text 0.0.4: "a {…}" is the series a{…}, not a
    [InlineData("a{x=\"1\"}5\n", 8, false)]       // no blank after the series: read by Next
    [InlineData("a{x=\"1\"} 5\n", 7, false)]
    [InlineData("a{x=\"1\"} 5\n", 0, false)]
    [InlineData("a{x=\"1\"}", 8, false)]          // nothing after the series
    [InlineData(" a 5\n", 2, false)]             // leading blank: Next reports it
    [InlineData("# HELP a x\n", 6, false)]
    public void TryPeekSeries_ChecksTheLineShapeOnly(string body, int length, bool expected)
    {
        var p = new ExpositionParser(Encoding.UTF8.GetBytes(body), ExpositionFormat.PrometheusText);
        Assert.Equal(expected, p.TryPeekSeries(length));
        if (expected) Assert.Equal(body[..length], Encoding.UTF8.GetString(p.SeriesBytes));
    }

    [Fact]
    public void TryPeekSeries_ConsumesNothing_NextReadsTheSameLine()
    {
        var body = "a{x=\"1 2\"} 5\nb 6\n"u8.ToArray();
        var p = new ExpositionParser(body, ExpositionFormat.PrometheusText);
        Assert.True(p.TryPeekSeries(6));   // a blank inside the label value: the caller's hash will not match
        Assert.Equal(ExpositionEntry.Series, p.Next());
        Assert.Equal("a{x=\"1 2\"}", Encoding.UTF8.GetString(p.SeriesBytes));
        Assert.Equal(5, p.Value);
    }

    [Theory]
    [InlineData(ExpositionFormat.PrometheusText, "c{x=\"1\"} 5\nc{x=\"1\"} 7 1700000000000\nd 1\n")]
    [InlineData(ExpositionFormat.OpenMetrics, "# TYPE c counter\nc_total{x=\"1\"} 5\nc_total{x=\"1\"} 7 1700000000.5 # {t=\"z\"} 2\nd 1\n# EOF\n")]
    public void CompleteKnownSeries_ReadsTheSampleAsNextDoes(ExpositionFormat format, string text)
    {
        var body = Encoding.UTF8.GetBytes(text);
        var slow = new ExpositionParser(body, format);
        var fast = new ExpositionParser(body, format);
        ExpositionEntry e;
        while ((e = slow.Next()) != ExpositionEntry.Eof)
        {
            if (e != ExpositionEntry.Series)
            {
                Assert.Equal(e, fast.Next());
                continue;
            }
            Assert.True(fast.TryPeekSeries(slow.SeriesBytes.Length));
            Assert.Equal(e, fast.CompleteKnownSeries());
            Assert.Equal(slow.SeriesBytes.ToArray(), fast.SeriesBytes.ToArray());
            Assert.Equal(slow.MetricName.ToArray(), fast.MetricName.ToArray());
            Assert.Equal(slow.Value, fast.Value);
            Assert.Equal(slow.TimestampMs, fast.TimestampMs);
            Assert.Equal(slow.HasExemplar, fast.HasExemplar);
            Assert.Equal(slow.LineNumber, fast.LineNumber);
        }
        Assert.Equal(ExpositionEntry.Eof, fast.Next());
    }
}
