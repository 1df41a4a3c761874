using System.Text;
using Argus.Collect.Exposition;
using Argus.Model;

namespace Argus.Tests.Collect.Exposition;

public sealed class ExpositionParserTests
{
    private const ExpositionFormat Text = ExpositionFormat.PrometheusText;
    private const ExpositionFormat Om = ExpositionFormat.OpenMetrics;

    private static ExpositionException Reject(string body, ExpositionFormat format) =>
        Assert.Throws<ExpositionException>(() => ExpositionParser.ParseAll(Encoding.UTF8.GetBytes(body), format));

    // input → line, reason: the error table of textparse's promparse_test.go / openmetricsparse_test.go, on our line numbers.
    [Theory]
    [InlineData("a 1\nb{x~\"1\"} 1\n", Text, 2, "expected equal, got \"INVALID\"")]
    [InlineData("a 1\n\n\nb{x=1} 1\n", Text, 4, "expected label value, got \"INVALID\"")]
    [InlineData("a{x=\"1\",,y=\"2\"} 1\n", Text, 1, "expected label name, got \"COMMA\"")]
    [InlineData("a{x=\"1\"}{y=\"2\"} 1\n", Text, 1, "expected value after metric, got \"BOPEN\"")]
    [InlineData("a 1 2 3\n", Text, 1, "expected next entry after timestamp, got \"INVALID\"")]
    [InlineData("a 1x\n", Text, 1, "strconv.ParseFloat: parsing \"1x\": invalid syntax")]
    [InlineData("a 1e400\n", Text, 1, "strconv.ParseFloat: parsing \"1e400\": value out of range")]
    [InlineData("a +nan\n", Text, 1, "strconv.ParseFloat: parsing \"+nan\": invalid syntax")]
    [InlineData("# HELP\n# TYPE 1a gauge\n", Text, 2, "expected metric name after TYPE, got \"INVALID\"")]
    [InlineData("# TYPE a  gauge\n", Text, 1, "invalid metric type \" gauge\"")]
    [InlineData("# TYPE a\n", Text, 1, "invalid metric type \"\"")]
    [InlineData("a{x=\"1\"} 1\nb{y=\"2\",y=\"3\"} 1\n", Text, 2, "label name \"y\" is not unique: invalid sample")]
    [InlineData("}\n", Text, 1, "expected a valid start token, got \"INVALID\"")]
    [InlineData("a 1 9223372036854775808\n", Text, 1, "strconv.ParseInt: parsing \"9223372036854775808\": value out of range")]
    [InlineData("# TYPE g gauge\ng 1\n# EOF\n\n", Om, 4, "unexpected data after # EOF")]
    [InlineData("# TYPE g gauge\ng 1\n", Om, 3, "data does not end with # EOF")]
    [InlineData("g{a=\"1\"b=\"2\"} 1\n# EOF\n", Om, 1, "expected comma, got \"LNAME\"")]
    [InlineData("g{a=\"1\" b=\"2\"} 1\n# EOF\n", Om, 1, "expected comma or left brace, got \"INVALID\"")]
    [InlineData("g{,a=\"1\"} 1\n# EOF\n", Om, 1, "expected label name or left brace, got \"COMMA\"")]
    [InlineData("g{a=\"1\"\n", Om, 1, "expected comma or left brace, got \"INVALID\"")]
    [InlineData("g{a=\"x\ny\"} 1\n# EOF\n", Om, 1, "expected label value, got \"INVALID\"")]
    [InlineData("g 1 NaN\n# EOF\n", Om, 1, "invalid timestamp NaN")]
    [InlineData("g 1 +Inf\n# EOF\n", Om, 1, "invalid timestamp +Inf")]
    [InlineData("g 1 1 2\n# EOF\n", Om, 1, "expected next entry after timestamp, got \"INVALID\"")]
    [InlineData("g 1 x\n# EOF\n", Om, 1, "strconv.ParseFloat: parsing \"x\": invalid syntax")]
    [InlineData("a\n# EOF\n", Om, 1, "expected value after metric, got \"INVALID\"")]
    [InlineData("c_total 1 # {a=\"b\"}\n# EOF\n", Om, 1, "expected value after exemplar labels, got \"INVALID\"")]
    [InlineData("c_total 1 # {a=\"b\"} 1 2 3\n# EOF\n", Om, 1, "expected next entry after exemplar timestamp, got \"INVALID\"")]
    [InlineData("c_total 1 # {a=\"b\"} 1 Inf\n# EOF\n", Om, 1, "invalid exemplar timestamp +Inf")]
    [InlineData("# HELP g\n# EOF\n", Om, 1, "expected text in HELP")]
    [InlineData("# UNIT g_bytes seconds\n# EOF\n", Om, 1, "unit not a suffix of metric \"g_bytes\"")]
    [InlineData("# UNIT seconds seconds\n# EOF\n", Om, 1, "unit not a suffix of metric \"seconds\"")]
    public void Next_InvalidBody_ThrowsWithLineAndReason(string body, ExpositionFormat format, int line, string reason)
    {
        var ex = Reject(body, format);
        Assert.Equal(reason, ex.Reason);
        Assert.Equal(line, ex.Line);
        Assert.StartsWith($"line {line}: {reason}", ex.Message);
    }

    [Fact]
    public void Exception_QuotesOffendingTextUpToFault()
    {
        var ex = Reject("a 1\nb{x~\"1\"} 1\n", Text);
        Assert.Equal("\"b{x~\"", ex.Text);
        Assert.Equal("line 2: expected equal, got \"INVALID\" while parsing: \"b{x~\"", ex.Message);
        var longLine = Reject("a{x=\"" + new string('v', 5000) + "\"} 1 2 3\n", Text);
        Assert.True(longLine.Text.Length < 200, longLine.Text);
    }

    [Fact]
    public void LineNumbers_CountNewlinesInsideTextLabelValues()
    {
        // Text 0.0.4 allows a raw newline inside a quoted label value; the error on the next line must say line 3.
        var s = ExpositionParser.ParseAll("a{x=\"1\n2\"} 1\nb 1\n"u8, Text);
        Assert.Equal("1\n2", s[0].Labels.Get("x"));
        Assert.Equal(3, s[1].Line);
        Assert.Equal(3, Reject("a{x=\"1\n2\"} 1\nb}\n", Text).Line);
    }

    [Fact]
    public void Next_TextSeries_ExposesRawBytesValueTimestampAndFamily()
    {
        var p = new ExpositionParser("# HELP h_seconds Help.\n# TYPE h_seconds histogram\nh_seconds_bucket{le=\"0.5\", x=\"a\\\"b\"} 3 1700000000000\n"u8, Text);
        Assert.Equal(ExpositionEntry.Help, p.Next());
        Assert.Equal("Help.", p.Help());
        Assert.Equal(ExpositionEntry.Type, p.Next());
        Assert.Equal(MetricType.Histogram, p.Type);
        Assert.Equal(ExpositionEntry.Series, p.Next());
        Assert.Equal("h_seconds_bucket{le=\"0.5\", x=\"a\\\"b\"}", Encoding.UTF8.GetString(p.SeriesBytes));
        Assert.Equal("h_seconds_bucket", Encoding.UTF8.GetString(p.MetricName));
        Assert.Equal("h_seconds", Encoding.UTF8.GetString(p.FamilyName));
        Assert.Equal(MetricType.Histogram, p.SeriesType);
        Assert.Equal(3, p.Value);
        Assert.Equal(1700000000000, p.TimestampMs);
        Assert.Equal(3, p.LineNumber);
        var labels = p.BuildLabels();
        Assert.Equal(Labels.FromStrings("__name__", "h_seconds_bucket", "le", "0.5", "x", "a\"b"), labels);
        Assert.Equal(ExpositionEntry.Eof, p.Next());
        Assert.Equal(ExpositionEntry.Eof, p.Next());
    }

    [Fact]
    public void Next_Comments_AreEntries()
    {
        var p = new ExpositionParser("# just words\n#HELP a x\n# EOF\na 1\n"u8, Text);
        Assert.Equal(ExpositionEntry.Comment, p.Next());
        Assert.Equal("# just words", Encoding.UTF8.GetString(p.Text));
        Assert.Equal(ExpositionEntry.Comment, p.Next());
        Assert.Equal(ExpositionEntry.Comment, p.Next());
        Assert.Equal(ExpositionEntry.Series, p.Next());
    }

    [Fact]
    public void Next_NulByteEndsTextInput()
    {
        var s = ExpositionParser.ParseAll("a 1\n\0garbage{{{\n"u8, Text);
        Assert.Single(s);
    }

    [Fact]
    public void Labels_EmptyValueDropped_NoCommaBetweenLabelsAccepted()
    {
        // textparse's "free trailing commas": in 0.0.4 the comma between labels is optional.
        var s = Assert.Single(ExpositionParser.ParseAll("a{x=\"\" y=\"2\"} 1\n"u8, Text));
        Assert.Equal(Labels.FromStrings("__name__", "a", "y", "2"), s.Labels);
    }

    [Fact]
    public void OpenMetrics_UnitAndExemplarWithTimestamp()
    {
        var p = new ExpositionParser(
            "# TYPE foo_seconds histogram\n# UNIT foo_seconds seconds\nfoo_seconds_bucket{le=\"+Inf\"} 2 1.5 # {trace_id=\"t1\"} 0.25 1.25\nfoo_seconds_count 2\n# EOF"u8,
            Om);
        Assert.Equal(ExpositionEntry.Type, p.Next());
        Assert.Equal(ExpositionEntry.Unit, p.Next());
        Assert.Equal("seconds", Encoding.UTF8.GetString(p.Text));
        Assert.Equal(ExpositionEntry.Series, p.Next());
        Assert.Equal(1500, p.TimestampMs);
        Assert.True(p.HasExemplar);
        Assert.Equal("{trace_id=\"t1\"}", Encoding.UTF8.GetString(p.ExemplarBytes));
        Assert.Equal(Labels.FromStrings("trace_id", "t1"), p.BuildExemplarLabels());
        Assert.Equal(0.25, p.ExemplarValue);
        Assert.Equal(1250, p.ExemplarTimestampMs);
        Assert.Equal(MetricType.Histogram, p.SeriesType);
        Assert.Equal(ExpositionEntry.Series, p.Next());
        Assert.False(p.HasExemplar);
        Assert.Equal(ExpositionEntry.Eof, p.Next());
    }

    [Fact]
    public void OpenMetrics_TimestampTruncatesLikeGo()
    {
        // 1700000000.123 * 1000 = 1700000000122.9998 in binary64; Go's int64() truncates it.
        double product = 1700000000.123 * 1000;
        var s = Assert.Single(ExpositionParser.ParseAll("g 1 1700000000.123\n# EOF\n"u8, Om));
        Assert.Equal((long)product, s.TimestampMs);
    }

    [Fact]
    public void SeriesType_SuffixOutsideFamily_IsUnknown()
    {
        var s = ExpositionParser.ParseAll("# TYPE c counter\nc_total 1\nc_bucket 1\nd 1\n"u8, Text);
        Assert.Equal([MetricType.Counter, MetricType.Unknown, MetricType.Unknown], s.Select(x => x.Type));
    }

    [Fact]
    public void Next_KnownSeriesLoop_AllocatesNothing()
    {
        byte[] body = NodeExporterLikeBody.Create(200);
        double sum = Loop(body);   // warm up: JIT, static SearchValues
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 10; k++) sum += Loop(body);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(sum > 0);
        Assert.Equal(0, allocated);

        static double Loop(byte[] body)
        {
            double total = 0;
            var p = new ExpositionParser(body, ExpositionFormat.PrometheusText);
            ExpositionEntry e;
            while ((e = p.Next()) != ExpositionEntry.Eof)
            {
                if (e == ExpositionEntry.Series) total += p.SeriesBytes.Length + (p.TimestampMs ?? 0);
            }
            return total;
        }
    }

    [Fact]
    public void ParseAll_RealNodeExporterBody_Accepted()
    {
        byte[] body = File.ReadAllBytes(Path.Combine(ExpositionFixture.SharedDirectory, "compat", "samples", "node-exporter-1.5.0-debian.prom"));
        var series = ExpositionParser.ParseAll(body, Text);
        Assert.Equal(507, series.Count);
        var cpu = series.First(s => s.Labels.MetricNameValue == "node_cpu_seconds_total");
        Assert.Equal(MetricType.Counter, cpu.Type);
        Assert.Equal(series.Count, series.Select(s => s.Labels).Distinct().Count());
    }
}
