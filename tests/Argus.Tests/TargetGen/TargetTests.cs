using System.Runtime.CompilerServices;
using System.Text;
using Argus.Collect.Exposition;
using Argus.Model;
using Argus.TargetGen;

namespace Argus.Tests.TargetGen;

/// <summary>
/// The C# load generator (bench/Argus.TargetGen) must serve what ../shared/bench/targets.py serves: bodies Argus's parser
/// accepts, with the same series count, metric names, label names and types. The golden bodies in testdata were written
/// by <c>targets.py --targets 1 --series S --dump 1</c> (seed 1); label values are random in both, so shapes are compared.
/// </summary>
public sealed class TargetTests
{
    private const double Refresh = 1.0;

    [Theory]
    [InlineData(100)]    // tiny target: 2 CPUs, no apiserver histogram
    [InlineData(500)]    // 8 CPUs, histogram, pods and hwmon padding
    public void RenderBody_SameShapesAsTargetsPy(int series)
    {
        var target = new Target(0, series, seed: 1, k8sValueModel: true, headroomSeconds: 3600);
        List<ParsedSeries> ours = ExpositionParser.ParseAll(target.RenderBody(0, Refresh), ExpositionFormat.PrometheusText);
        List<ParsedSeries> python = ExpositionParser.ParseAll(File.ReadAllBytes(TestData($"targets-py-s{series}.prom")), ExpositionFormat.PrometheusText);

        Assert.Equal(python.Count, ours.Count);
        Assert.Equal(python.Count, target.SeriesCount);
        Assert.Equal(Shapes(python), Shapes(ours));
    }

    [Fact]
    public void RenderBody_AfterRefresh_SameLengthCountersRiseGaugesMove()
    {
        var target = new Target(3, 2000, seed: 1, k8sValueModel: true, headroomSeconds: 3600);
        byte[] first = target.RenderBody(100, Refresh);
        byte[] again = target.RenderBody(100.5, Refresh);      // within the refresh period: the same bytes
        byte[] second = target.RenderBody(101, Refresh);
        byte[] third = target.RenderBody(102.2, Refresh);

        Assert.Equal(first, again);
        Assert.Equal(first.Length, second.Length);
        Assert.NotEqual(first, second);
        var a = ExpositionParser.ParseAll(first, ExpositionFormat.PrometheusText);
        var b = ExpositionParser.ParseAll(second, ExpositionFormat.PrometheusText);
        var c = ExpositionParser.ParseAll(third, ExpositionFormat.PrometheusText);
        Assert.Equal(2000, a.Count);
        int rose = 0, gaugesMoved = 0;
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Labels, b[i].Labels);
            Assert.Equal(a[i].Labels, c[i].Labels);
            if (a[i].Type is MetricType.Counter or MetricType.Histogram)
            {
                Assert.True(b[i].Value >= a[i].Value && c[i].Value >= b[i].Value, $"counter went down: {a[i].Labels} {a[i].Value} {b[i].Value} {c[i].Value}");
                if (c[i].Value > a[i].Value) rose++;
            }
            else if (a[i].Type == MetricType.Gauge && a[i].Value != b[i].Value)
            {
                gaugesMoved++;
            }
        }
        Assert.True(rose > 300, $"only {rose} counters rose");
        Assert.True(gaugesMoved > 100, $"only {gaugesMoved} gauges moved");
    }

    [Fact]
    public void RenderBody_ApiserverHistogram_CumulativeAndConsistent()
    {
        var target = new Target(0, 500, seed: 1, k8sValueModel: true, headroomSeconds: 3600);
        target.RenderBody(0, Refresh);
        var series = ExpositionParser.ParseAll(target.RenderBody(5, Refresh), ExpositionFormat.PrometheusText);
        var hist = series.Where(s => s.Labels.MetricNameValue.StartsWith("apiserver_request_duration_seconds", StringComparison.Ordinal)).ToList();
        Assert.Equal(12 * 13, hist.Count);
        for (int i = 0; i < hist.Count; i += 13)
        {
            for (int j = 1; j < 11; j++) Assert.True(hist[i + j].Value >= hist[i + j - 1].Value);
            Assert.Equal("+Inf", hist[i + 10].Labels.Get("le"));
            Assert.Equal(hist[i + 10].Value, hist[i + 12].Value);     // +Inf bucket == _count
        }
    }

    [Fact]
    public void Churn_ReplacesPodSeries_KeepsTheRest()
    {
        var target = new Target(1, 2000, seed: 1, k8sValueModel: true, headroomSeconds: 3600);
        var before = ExpositionParser.ParseAll(target.RenderBody(0, Refresh), ExpositionFormat.PrometheusText);
        int churned = target.Churn(0.2);
        var after = ExpositionParser.ParseAll(target.RenderBody(1, Refresh), ExpositionFormat.PrometheusText);

        Assert.True(churned > 0);
        Assert.Equal(before.Count, after.Count);
        var old = before.Select(s => s.Labels.ToString()).ToHashSet();
        int fresh = after.Count(s => !old.Contains(s.Labels.ToString()));
        Assert.InRange(fresh, 1, before.Count / 2);
        Assert.Equal(Shapes(before), Shapes(after));
        // A counter of an untouched series keeps its value across the rebuild (the first render after churn has dt = 0).
        var beforeByLabels = before.ToDictionary(s => s.Labels.ToString(), s => s.Value);
        var kept = after.Where(s => s.Labels.MetricNameValue == "container_cpu_usage_seconds_total" && beforeByLabels.ContainsKey(s.Labels.ToString())).ToList();
        Assert.NotEmpty(kept);
        foreach (ParsedSeries s in kept) Assert.Equal(beforeByLabels[s.Labels.ToString()], s.Value, 6);
    }

    private static List<string> Shapes(List<ParsedSeries> series)
    {
        var shapes = new List<string>(series.Count);
        foreach (ParsedSeries s in series)
        {
            var sb = new StringBuilder(s.Labels.MetricNameValue).Append(' ').Append(s.Type).Append(" {");
            foreach (Label l in s.Labels)
            {
                if (l.Name != Labels.MetricName) sb.Append(l.Name).Append(',');
            }
            shapes.Add(sb.Append('}').ToString());
        }
        shapes.Sort(StringComparer.Ordinal);
        return shapes;
    }

    private static string TestData(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "testdata", name);
}
