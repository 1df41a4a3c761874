using Argus.Collect.Exposition;
using Argus.Model;

namespace Argus.Tests.Collect.Exposition;

/// <summary>Every body of exposition-edge-cases.json gets Prometheus 2.42's verdict; the interesting ones, its exact result.</summary>
public sealed class ExpositionFixtureTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var f in ExpositionFixture.All) data.Add(f.Case);
        return data;
    }

    [Fact]
    public void Fixtures_AllSeventyNineCasesPresent() => Assert.Equal(79, ExpositionFixture.All.Count);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParseAll_Fixture_MatchesPrometheusVerdict(string name)
    {
        var f = ExpositionFixture.Get(name);
        var format = ExpositionContentTypes.FromContentType(f.ContentType);
        if (f.Ok)
        {
            ExpositionParser.ParseAll(f.Body, format);
        }
        else
        {
            var ex = Assert.Throws<ExpositionException>(() => ExpositionParser.ParseAll(f.Body, format));
            Assert.True(ex.Line >= 1);
        }
    }

    // Cases whose 2.42 error text is not garbled (see the fixtures README): our reason is the same text.
    [Theory]
    [InlineData("t_dup_label_name")]
    [InlineData("t_value_hexfloat")]
    [InlineData("t_value_underscore")]
    [InlineData("t_ts_float")]
    [InlineData("t_ts_negative")]
    [InlineData("t_label_name_digit")]
    [InlineData("t_missing_value")]
    [InlineData("t_extra_token")]
    [InlineData("t_unknown_type")]
    [InlineData("t_invalid_utf8_label_value")]
    [InlineData("t_name_label_in_braces")]
    [InlineData("t_label_unterminated")]
    [InlineData("t_ts_seconds_float_om_style")]
    [InlineData("o_missing_eof")]
    [InlineData("o_after_eof")]
    [InlineData("o_exemplar_on_gauge")]
    [InlineData("o_unit_not_suffix")]
    [InlineData("o_untyped_keyword")]
    [InlineData("o_space_in_labels")]
    [InlineData("o_trailing_comma")]
    [InlineData("o_crlf")]
    [InlineData("o_tab_sep")]
    [InlineData("o_two_spaces")]
    public void ParseAll_RejectedFixture_ReasonIsPrometheusWording(string name)
    {
        var f = ExpositionFixture.Get(name);
        var ex = Assert.Throws<ExpositionException>(() => ExpositionParser.ParseAll(f.Body, ExpositionContentTypes.FromContentType(f.ContentType)));
        Assert.Equal(f.Error, ex.Reason);
    }

    // Cases where 2.42 quoted a reused buffer or failed later in the scrape: our own, accurate reason.
    [Theory]
    [InlineData("t_crlf", 1, "strconv.ParseFloat: parsing \"1\\r\": invalid syntax")]
    [InlineData("t_metric_name_dash", 1, "strconv.ParseFloat: parsing \"-b\": invalid syntax")]
    [InlineData("t_blank_lines", 5, "invalid metric name or label names: {__name__=\" b\"}")]
    [InlineData("t_leading_ws", 1, "invalid metric name or label names: {__name__=\"   a\"}")]
    [InlineData("t_quoted_utf8_name", 1, "expected a valid start token, got \"INVALID\"")]
    [InlineData("t_ts_huge", 1, "strconv.ParseInt: parsing \"99999999999999999999\": value out of range")]
    [InlineData("o_blank_line", 2, "expected a valid start token, got \"INVALID\"")]
    [InlineData("o_other_comment", 2, "expected a valid start token, got \"INVALID\"")]
    public void ParseAll_RejectedFixture_ReasonAndLine(string name, int line, string reason)
    {
        var f = ExpositionFixture.Get(name);
        var ex = Assert.Throws<ExpositionException>(() => ExpositionParser.ParseAll(f.Body, ExpositionContentTypes.FromContentType(f.ContentType)));
        Assert.Equal(reason, ex.Reason);
        Assert.Equal(line, ex.Line);
    }

    private static List<ParsedSeries> Parse(string name)
    {
        var f = ExpositionFixture.Get(name);
        return ExpositionParser.ParseAll(f.Body, ExpositionContentTypes.FromContentType(f.ContentType));
    }

    private static void AssertSeries(ParsedSeries s, string labels, double value, long? ts = null)
    {
        Assert.Equal(labels, s.Labels.ToString());
        Assert.Equal(BitConverter.DoubleToUInt64Bits(value), BitConverter.DoubleToUInt64Bits(s.Value));
        Assert.Equal(ts, s.TimestampMs);
    }

    [Fact]
    public void Golden_TextBasics()
    {
        var s = Assert.Single(Parse("t_ok_basic"));
        AssertSeries(s, "{__name__=\"a_total\", x=\"1\"}", 1);
        Assert.Equal(MetricType.Counter, s.Type);
        AssertSeries(Assert.Single(Parse("t_no_trailing_newline")), "{__name__=\"a\"}", 1);
        AssertSeries(Assert.Single(Parse("t_bad_escape_tab")), "{__name__=\"a\", x=\"\\\\t\"}", 1);   // backslash, t (escaped again by ToString)
        Assert.Equal("\\t", Parse("t_bad_escape_tab")[0].Labels.Get("x"));
        Assert.Equal(2, Parse("t_dup_series").Count);                     // the scrape loop drops the second
        Assert.Equal(MetricType.Gauge, Assert.Single(Parse("t_two_type_lines")).Type);
        Assert.Equal(MetricType.Unknown, Assert.Single(Parse("t_type_after_sample")).Type);
        AssertSeries(Assert.Single(Parse("t_empty_braces")), "{__name__=\"a\"}", 1);
        AssertSeries(Assert.Single(Parse("t_trailing_comma")), "{__name__=\"a\", x=\"1\"}", 1);
        AssertSeries(Assert.Single(Parse("t_spaces_in_labels")), "{__name__=\"a\", x=\"1\", y=\"2\"}", 1);
        AssertSeries(Assert.Single(Parse("t_tabs")), "{__name__=\"a\"}", 1);
        AssertSeries(Assert.Single(Parse("t_colon_name")), "{__name__=\"a:b:c\"}", 1);
        AssertSeries(Assert.Single(Parse("t_utf8_label_value")), "{__name__=\"a\", x=\"héllo 😀\"}", 1);
        Assert.Empty(Parse("t_empty_body"));
        Assert.Empty(Parse("t_only_comments"));
        AssertSeries(Assert.Single(Parse("t_eof_in_text")), "{__name__=\"a\"}", 1);
        AssertSeries(Assert.Single(Parse("t_no_content_type")), "{__name__=\"a\"}", 1);
        AssertSeries(Assert.Single(Parse("t_bogus_content_type")), "{__name__=\"a\"}", 1);
        Assert.Equal(MetricType.Unknown, Assert.Single(Parse("t_untyped_type")).Type);
        Assert.Equal(MetricType.Counter, Assert.Single(Parse("t_type_for_suffix")).Type);
    }

    [Fact]
    public void Golden_TextValues()
    {
        var v = Parse("t_values_inf_nan_variants");
        Assert.Equal(double.PositiveInfinity, v[0].Value);
        Assert.Equal(double.PositiveInfinity, v[1].Value);
        Assert.Equal(0x7ff8000000000001UL, BitConverter.DoubleToUInt64Bits(v[2].Value));   // Prometheus's normal NaN
        Assert.Equal(double.NegativeInfinity, v[3].Value);
        Assert.Equal(1000, v[4].Value);
        Assert.Equal(1, Assert.Single(Parse("t_value_plus")).Value);
        Assert.Equal(1.2345678901234568e+29, Assert.Single(Parse("t_big_int_value")).Value);
    }

    [Fact]
    public void Golden_TextHistogramAndSummaryWithoutInfOrQuantiles()
    {
        var h = Parse("t_hist_missing_inf");
        Assert.Equal(["h_bucket", "h_sum", "h_count"], h.Select(s => s.Labels.MetricNameValue));
        Assert.All(h, s => Assert.Equal(MetricType.Histogram, s.Type));
        Assert.Equal("1", h[0].Labels.Get("le"));   // stored as exposed (2.x)
        Assert.All(Parse("t_summary_no_quantile"), s => Assert.Equal(MetricType.Summary, s.Type));
    }

    [Fact]
    public void Golden_TextHelpEscapes()
    {
        var f = ExpositionFixture.Get("t_help_escapes");
        var p = new ExpositionParser(f.Body, ExpositionFormat.PrometheusText);
        Assert.Equal(ExpositionEntry.Help, p.Next());
        Assert.Equal("a"u8.ToArray(), p.MetadataName.ToArray());
        Assert.Equal("line1\nline2 back\\slash \\q", p.Help());
    }

    [Fact]
    public void Golden_OpenMetricsCounterWithCreated()
    {
        var s = Parse("o_ok");
        AssertSeries(s[0], "{__name__=\"c_total\"}", 1);
        Assert.False(s[0].IsCreated);
        AssertSeries(s[1], "{__name__=\"c_created\"}", 1.7e9);
        Assert.True(s[1].IsCreated);
        Assert.All(s, x => Assert.Equal(MetricType.Counter, x.Type));
        AssertSeries(Assert.Single(Parse("o_summary_created"), x => x.IsCreated), "{__name__=\"s_created\"}", 1.6e9);
        AssertSeries(Assert.Single(Parse("o_counter_no_total")), "{__name__=\"c\"}", 1);
        Assert.Equal(2, Parse("o_created_only_counter_total_dup").Count);
    }

    [Fact]
    public void Golden_OpenMetricsTimestampsAreSecondsTimesThousand()
    {
        AssertSeries(Assert.Single(Parse("o_ts_seconds")), "{__name__=\"g\"}", 1, 1700000000123);
        AssertSeries(Assert.Single(Parse("o_ts_ms_int")), "{__name__=\"g\"}", 1, 1700000000123000);   // far future: TSDB drops it
        var d = Parse("o_ts_decreasing");
        Assert.Equal([200_000L, 100_000L], d.Select(s => s.TimestampMs!.Value));
        AssertSeries(Assert.Single(Parse("o_eof_no_newline")), "{__name__=\"g\"}", 1);
    }

    [Fact]
    public void Golden_OpenMetricsExemplarsParsedNotStored()
    {
        var s = Assert.Single(Parse("o_exemplar_no_labels"));
        AssertSeries(s, "{__name__=\"c_total\"}", 1);
        Assert.NotNull(s.Exemplar);
        Assert.Empty(s.Exemplar!.Labels);
        Assert.Equal(0.5, s.Exemplar.Value);
        Assert.Null(s.Exemplar.TimestampMs);
        var longOne = Assert.Single(Parse("o_exemplar_too_long"));
        Assert.Equal(130, longOne.Exemplar!.Labels.Get("trace_id").Length);
    }

    [Fact]
    public void Golden_OpenMetricsTypesAndSpecials()
    {
        var g = Parse("o_infinity_words");
        Assert.Equal(double.PositiveInfinity, g[0].Value);
        Assert.Equal(double.NegativeInfinity, g[1].Value);
        Assert.Equal(0x7ff8000000000001UL, BitConverter.DoubleToUInt64Bits(g[2].Value));
        Assert.Equal(["gh_bucket", "gh_bucket", "gh_gcount", "gh_gsum"], Parse("o_gaugehistogram").Select(s => s.Labels.MetricNameValue));
        Assert.All(Parse("o_gaugehistogram"), s => Assert.Equal(MetricType.GaugeHistogram, s.Type));
        var infoState = Parse("o_info_stateset");
        Assert.Equal(MetricType.Info, infoState[0].Type);
        Assert.Equal([MetricType.StateSet, MetricType.StateSet], infoState.Skip(1).Select(s => s.Type));
        Assert.Equal(MetricType.Unknown, Assert.Single(Parse("o_unknown_keyword")).Type);
        Assert.Equal(3, Parse("o_interleaved").Count);
        Assert.Equal(5, Parse("o_le_unsorted").Count);
        Assert.Equal(3, Parse("o_hist_no_inf").Count);
        Assert.Single(Parse("o_help_before_type"));
        Assert.Single(Parse("o_dup_type"));
        Assert.Single(Parse("o_gzip_placeholder"));
    }

    [Fact]
    public void Golden_OpenMetricsHelpDecodesQuote()
    {
        var f = ExpositionFixture.Get("o_help_escape_quote");
        var p = new ExpositionParser(f.Body, ExpositionFormat.OpenMetrics);
        Assert.Equal(ExpositionEntry.Type, p.Next());
        Assert.Equal(MetricType.Gauge, p.Type);
        Assert.Equal(ExpositionEntry.Help, p.Next());
        Assert.Equal("a \" quote", p.Help());
    }
}
