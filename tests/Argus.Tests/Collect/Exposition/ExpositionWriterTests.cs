using System.Buffers;
using System.Text;
using Argus.Collect.Exposition;
using Argus.Model;
using CsCheck;

namespace Argus.Tests.Collect.Exposition;

public sealed class ExpositionWriterTests
{
    private static string Render(params MetricFamily[] families)
    {
        var w = new ArrayBufferWriter<byte>();
        ExpositionWriter.Write(w, families);
        return Encoding.UTF8.GetString(w.WrittenSpan);
    }

    [Fact]
    public void Write_Families_TextFormatAsClientGolang()
    {
        string text = Render(
            new MetricFamily("http_requests_total", MetricType.Counter, "Total requests.\nWith \\ backslash and \"quotes\".",
            [
                new MetricPoint(Labels.FromStrings("__name__", "http_requests_total", "code", "200", "path", "/a\"b\\c\nd"), 1027),
                new MetricPoint(Labels.FromStrings("code", "500"), 3, 1395066363000),
            ]),
            new MetricFamily("temperature", MetricType.Gauge, "",
            [
                new MetricPoint(Labels.FromStrings("x", "nan"), double.NaN),
                new MetricPoint(Labels.FromStrings("x", "inf"), double.PositiveInfinity),
                new MetricPoint(Labels.FromStrings("x", "-inf"), double.NegativeInfinity),
                new MetricPoint(Labels.FromStrings("x", "big"), 1394664),
                new MetricPoint(Labels.FromStrings("x", "small"), 1.6094e-05),
            ]),
            new MetricFamily("empty", MetricType.Gauge, "never written", []),
            new MetricFamily("up", MetricType.GaugeHistogram, "x", [new MetricPoint(Labels.Empty, 1)]));
        Assert.Equal(
            "# HELP http_requests_total Total requests.\\nWith \\\\ backslash and \"quotes\".\n" +
            "# TYPE http_requests_total counter\n" +
            "http_requests_total{code=\"200\",path=\"/a\\\"b\\\\c\\nd\"} 1027\n" +
            "http_requests_total{code=\"500\"} 3 1395066363000\n" +
            "# TYPE temperature gauge\n" +
            "temperature{x=\"nan\"} NaN\n" +
            "temperature{x=\"inf\"} +Inf\n" +
            "temperature{x=\"-inf\"} -Inf\n" +
            "temperature{x=\"big\"} 1.394664e+06\n" +
            "temperature{x=\"small\"} 1.6094e-05\n" +
            "# HELP up x\n" +
            "# TYPE up untyped\n" +
            "up 1\n",
            text);
    }

    [Fact]
    public void Write_Output_ParsesBackWithHelpAndTypes()
    {
        byte[] body = Encoding.UTF8.GetBytes(Render(new MetricFamily("h", MetricType.Histogram, "a \\ b\nc",
        [
            new MetricPoint(Labels.FromStrings("__name__", "h_bucket", "le", "0.5"), 1),
            new MetricPoint(Labels.FromStrings("__name__", "h_bucket", "le", "+Inf"), 2),
            new MetricPoint(Labels.FromStrings("__name__", "h_sum"), 0.75),
            new MetricPoint(Labels.FromStrings("__name__", "h_count"), 2),
        ])));
        var p = new ExpositionParser(body, ExpositionFormat.PrometheusText);
        Assert.Equal(ExpositionEntry.Help, p.Next());
        Assert.Equal("a \\ b\nc", p.Help());
        Assert.Equal(ExpositionEntry.Type, p.Next());
        Assert.Equal(MetricType.Histogram, p.Type);
        var series = ExpositionParser.ParseAll(body, ExpositionFormat.PrometheusText);
        Assert.All(series, s => Assert.Equal(MetricType.Histogram, s.Type));
        Assert.Equal(4, series.Count);
    }

    [Theory]
    [InlineData("1abc", "x")]
    [InlineData("a-b", "x")]
    [InlineData("ok", "1x")]
    [InlineData("ok", "a.b")]
    public void Write_InvalidNames_Throw(string metric, string label)
    {
        var family = new MetricFamily(metric, MetricType.Gauge, "", [new MetricPoint(Labels.FromStrings(label, "v"), 1)]);
        var ex = Assert.Throws<ArgumentException>(() => Render(family));
        Assert.Contains(metric, ex.Message);
    }

    [Fact]
    public async Task WriteAsync_Stream_SameBytesAsBufferWriter()
    {
        var families = new[]
        {
            new MetricFamily("a", MetricType.Gauge, "h", [new MetricPoint(Labels.FromStrings("x", "1"), 1.5)]),
            new MetricFamily("b", MetricType.Counter, "", [new MetricPoint(Labels.Empty, 2)]),
        };
        using var stream = new MemoryStream();
        await ExpositionWriter.WriteAsync(stream, families, CancellationToken.None);
        Assert.Equal(Render(families), Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static readonly Gen<double> s_values = Gen.Frequency(
        (3, Gen.Double),
        (2, Gen.Int[0, 9].Select(i => new[] { 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
            StaleNaN.Value, double.Epsilon, double.MaxValue, 1e6, 0.1 }[i])),
        (2, Gen.Long[-1_000_000, 1_000_000].Select(l => (double)l)),
        (1, Gen.ULong.Select(BitConverter.UInt64BitsToDouble)));

    private static readonly Gen<string> s_labelName =
        from first in Gen.Char["abcXYZ_"]
        from rest in Gen.String[Gen.Char["abcXYZ_019"], 0, 6]
        select first + rest;

    private static readonly Gen<string> s_labelValue = Gen.Frequency(
        (3, Gen.String[Gen.Char["ab\\\"\n{}=, #\t"], 0, 8]),
        (1, Gen.String[Gen.Char[' ', '\uD7FF'], 0, 6]));

    private static readonly Gen<MetricPoint> s_point =
        from labels in Gen.Dictionary(s_labelName, s_labelValue)[0, 4]
        from value in s_values
        from ts in Gen.Frequency((2, Gen.Const((long?)null)), (1, Gen.Long[0, long.MaxValue].Select(t => (long?)t)))
        select new MetricPoint(Labels.FromDictionary(labels), value, ts);

    private static readonly Gen<MetricFamily> s_family =
        from name in s_labelName
        from colon in Gen.Bool
        from type in Gen.Enum<MetricType>()
        from help in s_labelValue
        from points in s_point.Array[1, 5]
        select new MetricFamily(colon ? name + ":x" : name, type, help, points);

    [Fact]
    public void WriteThenParse_RandomFamilies_SameSeriesBitIdenticalValues()
    {
        s_family.Array[1, 4].Sample(families =>
        {
            byte[] body = Encoding.UTF8.GetBytes(Render(families));
            var parsed = ExpositionParser.ParseAll(body, ExpositionFormat.PrometheusText);
            var expected = families.SelectMany(f => f.Points.Select(p => (Family: f, Point: p))).ToList();
            Assert.Equal(expected.Count, parsed.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                var (family, point) = expected[i];
                Assert.Equal(point.Labels.ToBuilder().Set(Labels.MetricName, family.Name).Build(), parsed[i].Labels);
                ulong bits = double.IsNaN(point.Value) ? GoFloat.NormalNaNBits : BitConverter.DoubleToUInt64Bits(point.Value);
                Assert.Equal(bits, BitConverter.DoubleToUInt64Bits(parsed[i].Value));
                Assert.Equal(point.TimestampMs, parsed[i].TimestampMs);
            }
        }, iter: 2_000);
    }
}
