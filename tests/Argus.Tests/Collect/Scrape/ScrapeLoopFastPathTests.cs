using System.Text;
using Argus.Collect.Scrape;
using Argus.Model;
using Argus.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Collect.Scrape;

/// <summary>
/// The scrape loop's fast path (a line whose first bytes hash to the series expected there is read without scanning its
/// label block again) must not change what a scrape stores or rejects: each case scrapes a first body, then a second one,
/// and compares the second scrape with the same body scraped by a loop whose cache is empty.
/// </summary>
public sealed class ScrapeLoopFastPathTests
{
    private const string Text = "text/plain; version=0.0.4";
    private const string OpenMetrics = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static readonly DateTimeOffset s_t0 = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    private sealed class SwitchingSource : IScrapeSource
    {
        public string Body { get; set; } = "";
        public string ContentType { get; set; } = Text;
        public Task<ScrapeBody> FetchAsync(CancellationToken ct) => Task.FromResult(new ScrapeBody(Encoding.UTF8.GetBytes(Body), ContentType));
        public void Dispose() { }
    }

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // first content type, first body, second content type, second body
        { Text, "a 1\nb{x=\"1\"} 2\n", Text, "a 3\nb{x=\"1\"} 4\n" },
        // A name-only series followed by a label block: "a" is known, but the line is the series a{x="1"}.
        { Text, "a 1\n", Text, "a {x=\"1\"} 2\n" },
        { Text, "a 1\n", Text, "a\t{x=\"1\"} 2\n" },
        // Known series text, more blanks before the value, a timestamp, then a bad value and a bad timestamp.
        { Text, "a{x=\"1\"} 1\n", Text, "a{x=\"1\"}   2 1700000000000\n" },
        { Text, "a{x=\"1\"} 1\nb 1\n", Text, "a{x=\"1\"} zz\nb 1\n" },
        { Text, "a{x=\"1\"} 1\n", Text, "a{x=\"1\"} 1 -5\n" },
        { Text, "a{x=\"1\"} 1\n", Text, "a{x=\"1\"} 1 12 x\n" },
        // A longer series that starts with a known one, and a known one without a value.
        { Text, "a{x=\"1\"} 1\n", Text, "a{x=\"1\"}{y=\"2\"} 1\n" },
        { Text, "a{x=\"1\"} 1\n", Text, "a{x=\"1\"} \n" },
        { Text, "a{x=\"1\"} 1\n", Text, "a{x=\"1\"}" },
        // Series that came and went, duplicates and leading blanks.
        { Text, "a 1\nb 2\nc 3\n", Text, "b 2\nz 9\nc 3\na 1\n" },
        { Text, "a 1\nb 2\n", Text, "a 1\na 2\nb 2\n" },
        { Text, "a 1\nb 2\n", Text, "a 1\n b 2\n" },
        // Format switches: the same label block, valid text 0.0.4 but not OpenMetrics (trailing comma, blank) and back.
        { Text, "a{x=\"1\",} 1\n", OpenMetrics, "a{x=\"1\",} 1\n# EOF\n" },
        { Text, "a {x=\"1\"} 1\n", OpenMetrics, "a {x=\"1\"} 1\n# EOF\n" },
        { OpenMetrics, "a{x=\"1\"} 1\n# EOF\n", Text, "a{x=\"1\"} 2\n" },
        { OpenMetrics, "a{x=\"1\"} 1\n# EOF\n", OpenMetrics, "a{x=\"1\"} 2 1700000000.5 # {t=\"1\"} 1\n# EOF\n" },
        { OpenMetrics, "a{x=\"1\"} 1\n# EOF\n", OpenMetrics, "a{x=\"1\"}  2\n# EOF\n" },
        { OpenMetrics, "a{x=\"1\"} 1\n# EOF\n", OpenMetrics, "a{x=\"1\"} 2\n" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SecondScrape_WithWarmCache_StoresAndRejectsAsAColdOne(string firstType, string first, string secondType, string second)
    {
        var (warm, warmSource, warmStore, warmTarget) = NewLoop();
        warmSource.ContentType = firstType;
        warmSource.Body = first;
        await warm.ScrapeOnceAsync(s_t0, CancellationToken.None);
        int before = warmStore.Batches.Count;
        warmSource.ContentType = secondType;
        warmSource.Body = second;
        await warm.ScrapeOnceAsync(s_t0.AddSeconds(15), CancellationToken.None);

        var (cold, coldSource, coldStore, coldTarget) = NewLoop();
        coldSource.ContentType = secondType;
        coldSource.Body = second;
        await cold.ScrapeOnceAsync(s_t0.AddSeconds(15), CancellationToken.None);

        Assert.Equal(coldTarget.LastReport.Health, warmTarget.LastReport.Health);
        Assert.Equal(coldTarget.LastReport.LastError, warmTarget.LastReport.LastError);
        Assert.Equal(coldTarget.LastReport.SamplesScraped, warmTarget.LastReport.SamplesScraped);
        Assert.Equal(Exposed(coldStore.All), Exposed(warmStore.Batches.Skip(before).SelectMany(b => b)));
    }

    [Fact]
    public async Task KnownSeries_AfterTheTargetSwitchesFormatsTwice_AreStillRead()
    {
        var (loop, source, store, target) = NewLoop();
        string[] types = [Text, OpenMetrics, Text, Text];
        for (int i = 0; i < types.Length; i++)
        {
            source.ContentType = types[i];
            source.Body = types[i] == Text ? $"a{{x=\"1\"}} {i}\nb {i}\n" : $"a{{x=\"1\"}} {i}\nb {i}\n# EOF\n";
            await loop.ScrapeOnceAsync(s_t0.AddSeconds(15 * i), CancellationToken.None);
            Assert.Equal(TargetHealth.Up, target.LastReport.Health);
            Assert.Equal(i, store.Last("{__name__=\"a\", instance=\"h:9100\", job=\"job1\", x=\"1\"}"));
            Assert.Equal(i, store.Last("{__name__=\"b\", instance=\"h:9100\", job=\"job1\"}"));
        }
    }

    /// <summary>The scraped series of a batch (not the report series, not stale markers), as text, value bits and time.</summary>
    private static List<string> Exposed(IEnumerable<(Labels Labels, long T, double V)> samples) =>
        samples.Where(s => !ScrapeLoop.ReportNames.Contains(s.Labels.MetricNameValue) && !StaleNaN.IsStale(s.V))
               .Select(s => $"{s.Labels} {BitConverter.DoubleToInt64Bits(s.V):x} {s.T}")
               .ToList();

    private static (ScrapeLoop Loop, SwitchingSource Source, RecordingAppendable Store, Target Target) NewLoop()
    {
        var target = new Target("job1", Labels.FromStrings("__address__", "h:9100", "instance", "h:9100", "job", "job1"), Labels.Empty,
            TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), new Uri("http://h:9100/metrics"));
        var source = new SwitchingSource();
        var store = new RecordingAppendable();
        var loop = new ScrapeLoop(target, source, store, new ScrapeLoopOptions(), TimeProvider.System, NullLogger.Instance,
            new ScrapeMetrics(new MetricsRegistry()), 0);
        return (loop, source, store, target);
    }
}
