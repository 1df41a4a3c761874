using System.Globalization;
using System.Text;
using Argus.Collect.Scrape;
using Argus.Config;
using Argus.Model;
using Argus.Telemetry;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Collect.Scrape;

/// <summary>
/// The scrape loop follows each body in the order of the previous one (a fast path) and keeps per-scrape series lists for
/// staleness. Whatever the order, repeats, relabel drops and failures, what it appends must equal a plain model: each
/// series' first occurrence in a good body, then one stale marker per series of the last good body missing from this one;
/// a failed scrape stores nothing of its body and marks everything of the last good body stale.
/// </summary>
public sealed class ScrapeCacheOrderTests
{
    private static readonly string[] s_universe =
        ["a", "b{x=\"1\"}", "b{x=\"2\"}", "c_total", "d{y=\"z\"}", "drop_me", "e", "f{q=\"w\"}", "g", "h{i=\"j\"}"];
    private static readonly HashSet<string> s_report = [.. ScrapeLoop.ReportNames];
    private static readonly DateTimeOffset s_t0 = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    private sealed class QueueSource : IScrapeSource
    {
        public string Body = "";
        public Task<ScrapeBody> FetchAsync(CancellationToken ct) => Task.FromResult(new ScrapeBody(Encoding.UTF8.GetBytes(Body), "text/plain; version=0.0.4"));
        public void Dispose() { }
    }

    // A scrape: series indices in body order (repeats allowed), or null for a malformed body.
    private static readonly Gen<int[]?> s_scrape = Gen.Frequency(
        (6, Gen.Int[0, s_universe.Length - 1].Array[0, 14].Select(a => (int[]?)a)),
        (1, Gen.Const((int[]?)null)));

    [Fact]
    public void AppendsWhatTheModelSays_ForAnyOrderRepeatsDropsAndFailures()
    {
        s_scrape.Array[1, 12].Sample(scrapes =>
        {
            var drop = new RelabelConfig { SourceLabels = ["__name__"], Regex = new RelabelRegex("drop_me"), Action = RelabelAction.Drop };
            var (loop, source, store) = NewLoop(new ScrapeLoopOptions { MetricRelabelConfigs = [drop] });
            List<string> liveModel = [];   // series of the last good body, first occurrences in order
            for (int s = 0; s < scrapes.Length; s++)
            {
                var body = scrapes[s];
                var sb = new StringBuilder();
                if (body is null)
                {
                    sb.Append("a 1\nbroken{ 4\n");
                }
                else
                {
                    for (int i = 0; i < body.Length; i++)
                    {
                        sb.Append(s_universe[body[i]]).Append(' ').Append((s * 100 + i).ToString(CultureInfo.InvariantCulture)).Append('\n');
                    }
                }
                source.Body = sb.ToString();
                int before = store.Batches.Count;
                loop.ScrapeOnceAsync(s_t0.AddSeconds(15 * s), CancellationToken.None).GetAwaiter().GetResult();
                var appended = store.Batches.Skip(before).SelectMany(b => b)
                    .Where(x => !s_report.Contains(x.Labels.MetricNameValue)).ToList();

                var expectedSamples = new List<(string, double)>();
                var seen = new List<string>();
                if (body is not null)
                {
                    for (int i = 0; i < body.Length; i++)
                    {
                        string name = s_universe[body[i]];
                        if (seen.Contains(name)) continue;
                        seen.Add(name);
                        if (name != "drop_me") expectedSamples.Add((name, s * 100 + i));
                    }
                }
                var expectedStale = liveModel.Where(n => !seen.Contains(n) && n != "drop_me").Order(StringComparer.Ordinal).ToList();
                liveModel = body is null ? [] : seen;

                var gotSamples = appended.Where(x => !StaleNaN.IsStale(x.V)).Select(x => (Key(x.Labels), x.V)).ToList();
                var gotStale = appended.Where(x => StaleNaN.IsStale(x.V)).Select(x => Key(x.Labels)).Order(StringComparer.Ordinal).ToList();
                Assert.Equal(expectedSamples, gotSamples);
                Assert.Equal(expectedStale, gotStale);
                Assert.All(appended, x => Assert.Equal(s_t0.AddSeconds(15 * s).ToUnixTimeMilliseconds(), x.T));
            }
        }, iter: 300);
    }

    [Fact]
    public async Task SeriesInsertedAndRemovedMidBody_KeepValuesAndStaleMarkersRight()
    {
        var (loop, source, store) = NewLoop(new ScrapeLoopOptions());
        source.Body = "a 1\nb 1\nc 1\nd 1\ne 1\n";
        await loop.ScrapeOnceAsync(s_t0, CancellationToken.None);
        source.Body = "a 2\nx 2\nb 2\ne 2\n";   // x inserted, c and d gone: the loop must find b and e again
        await loop.ScrapeOnceAsync(s_t0.AddSeconds(15), CancellationToken.None);
        var batch = store.Batches[^2];
        Assert.Equal(["a", "x", "b", "e"], batch.Where(x => !StaleNaN.IsStale(x.V)).Select(x => x.Labels.MetricNameValue));
        Assert.All(batch.Where(x => !StaleNaN.IsStale(x.V)), x => Assert.Equal(2, x.V));
        Assert.Equal(["c", "d"], batch.Where(x => StaleNaN.IsStale(x.V)).Select(x => x.Labels.MetricNameValue).Order());
    }

    [Fact]
    public async Task SeriesRepeatedInTheLastBody_GetsOneStaleMarker()
    {
        var (loop, source, store) = NewLoop(new ScrapeLoopOptions());
        source.Body = "a 1\nb 1\na 3\n";
        await loop.ScrapeOnceAsync(s_t0, CancellationToken.None);
        Assert.Equal(1, store.All.Single(x => x.Labels.MetricNameValue == "a").V);
        source.Body = "b 2\n";
        await loop.ScrapeOnceAsync(s_t0.AddSeconds(15), CancellationToken.None);
        Assert.Single(store.Batches[^2], x => x.Labels.MetricNameValue == "a" && StaleNaN.IsStale(x.V));
    }

    private static string Key(Labels labels)
    {
        var b = labels.ToBuilder().Del("instance").Del("job").Build();
        string name = b.MetricNameValue;
        var rest = b.Where(l => l.Name != Labels.MetricName).Select(l => $"{l.Name}=\"{l.Value}\"").ToList();
        return rest.Count == 0 ? name : name + "{" + string.Join(",", rest) + "}";
    }

    private static (ScrapeLoop Loop, QueueSource Source, RecordingAppendable Store) NewLoop(ScrapeLoopOptions options)
    {
        var target = new Target("job1", Labels.FromStrings("__address__", "h:9100", "instance", "h:9100", "job", "job1"), Labels.Empty,
            TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), new Uri("http://h:9100/metrics"));
        var source = new QueueSource();
        var store = new RecordingAppendable();
        var loop = new ScrapeLoop(target, source, store, options, TimeProvider.System, NullLogger.Instance,
            new ScrapeMetrics(new MetricsRegistry()), 0);
        return (loop, source, store);
    }
}
