using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Argus.Serve.Api;
using CsCheck;

namespace Argus.Tests.Serve.Api;

/// <summary>
/// The allocation-free value writer against what Go's strconv.FormatFloat(v, 'f' or 'e', -1, 64) prints (the cases in
/// QueryApiTests pin exact spellings; these check every double).
/// </summary>
public sealed class PromJsonTests
{
    private static readonly double[] s_edges = [0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 1e-6,
                                                9.999999999999999e-7, 1e21, 9.999999999999999e20, double.NaN, double.PositiveInfinity,
                                                double.NegativeInfinity];

    private static readonly Gen<double> s_values = Gen.Frequency(
        (6, Gen.Double),
        (2, Gen.Double[-1e-5, 1e-5]),
        (1, Gen.Double.Unit),
        (1, Gen.Int[0, s_edges.Length - 1].Select(i => s_edges[i])));

    [Fact]
    public void FormatValue_AnyDouble_ParsesBackToTheSameBits()
    {
        s_values.Sample(v =>
        {
            foreach (bool scalar in new[] { false, true })
            {
                string s = PromJson.FormatValue(v, scalar);
                double back = s switch
                {
                    "+Inf" => double.PositiveInfinity,
                    "-Inf" => double.NegativeInfinity,
                    _ => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
                };
                Assert.True(BitConverter.DoubleToInt64Bits(back) == BitConverter.DoubleToInt64Bits(v) || (double.IsNaN(v) && double.IsNaN(back)),
                    $"{v:R} (scalar: {scalar}) was written as {s}, which reads back as {back:R}");
                Assert.True(s.Length <= PromJson.MaxValueBytes, $"{v:R} took {s.Length} bytes");
            }
        });
    }

    [Fact]
    public void FormatValue_SeriesValues_UseExponentExactlyOutsideGoFixedRange()
    {
        s_values.Where(v => double.IsFinite(v) && v != 0).Sample(v =>
        {
            double abs = Math.Abs(v);
            bool expected = abs < 1e-6 || abs >= 1e21;
            string s = PromJson.FormatValue(v);
            Assert.True(s.Contains('e') == expected, $"{v:R} was written as {s}");
            Assert.DoesNotContain('e', PromJson.FormatValue(v, scalar: true));
        });
    }

    [Fact]
    public void WriteValue_WritesTheFormattedValueAsAJsonString()
    {
        s_values.Sample(v =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var w = new Utf8JsonWriter(buffer))
            {
                PromJson.WriteValue(w, v);
            }
            Assert.Equal("\"" + PromJson.FormatValue(v) + "\"", Encoding.UTF8.GetString(buffer.WrittenSpan));
        });
    }

    [Theory]
    [InlineData(double.Epsilon, "0.")]                 // the longest spelling: 323 zeros before the digits
    [InlineData(-double.MaxValue, "-17976931348623157")]
    public void FormatValue_ScalarExtremes_FitTheBuffer(double v, string prefix)
    {
        string s = PromJson.FormatValue(v, scalar: true);
        Assert.StartsWith(prefix, s);
        Assert.True(s.Length <= PromJson.MaxValueBytes);
    }
}
