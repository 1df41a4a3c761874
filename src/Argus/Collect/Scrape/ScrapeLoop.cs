using System.Diagnostics;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Argus.Collect.Exposition;
using Argus.Collect.Relabel;
using Argus.Model;
using Argus.Store;
using Microsoft.Extensions.Logging;

namespace Argus.Collect.Scrape;

/// <summary>
/// Scrapes one target on its interval, at a stable phase, and appends each scrape as one atomic batch: the samples, then
/// stale markers for series the target stopped exposing, then the synthetic series (up, scrape_duration_seconds, …).
/// A failed scrape (HTTP error, timeout, malformed body, a limit) stores none of its samples, sets up to 0, records the
/// error for /api/v1/targets and marks the previously exposed series stale, as Prometheus does.
/// <para>Owns its scrape cache: exposed series text (hashed) → store ref, so known series cost no allocation.</para>
/// </summary>
public sealed partial class ScrapeLoop : IAsyncDisposable
{
    // Entries not exposed for this many scrapes are forgotten; keeps the cache bounded when targets churn series.
    private const int CacheEvictAfterScrapes = 10;

    private readonly Target _target;
    private readonly IScrapeSource _source;
    private readonly IAppendable _store;
    private readonly ScrapeLoopOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ScrapeMetrics _metrics;
    private readonly ulong _offsetSeed;
    private readonly ScrapeCache _cache = new();
    private readonly Labels[] _reportLabels;
    private readonly SeriesRef[] _reportRefs;
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;
    private int _iter;   // scrape attempts; an int wraps after 2^31 of them (68 years at 1 s)
    // The cache indices of the series of the last successful scrape in body order (live: not yet marked stale), and the
    // list being built by the current scrape; swapped on commit. Per-scrape lists instead of walks over the whole cache: a
    // target's cache may hold entries it no longer exposes, and staleness needs only the series of the last scrape.
    private int[] _live = [];
    private int _liveCount;
    private bool _liveHasDuplicates;
    private int[] _next = [];
    private int _nextCount;
    private bool _wasUp = true;
    // The format of the last body parsed: the cache's non-zero series lengths are of series texts accepted in it.
    private ExpositionFormat _cacheFormat = ExpositionFormat.PrometheusText;

    public ScrapeLoop(Target target, IScrapeSource source, IAppendable store, ScrapeLoopOptions options, TimeProvider time,
                      ILogger logger, ScrapeMetrics metrics, ulong offsetSeed)
    {
        _target = target;
        _source = source;
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _offsetSeed = offsetSeed;
        _reportLabels = new Labels[ReportNames.Length];
        for (int i = 0; i < ReportNames.Length; i++)
        {
            _reportLabels[i] = target.PublicLabels.ToBuilder().Set(Labels.MetricName, ReportNames[i]).Build();
        }
        _reportRefs = new SeriesRef[ReportNames.Length];
    }

    internal static readonly string[] ReportNames =
        ["up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added"];

    public Target Target => _target;
    public ScrapeLoopOptions Options => _options;

    public void Start() => _run ??= RunAsync(_stop.Token);

    private async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(_target.DelayUntilPhase(_time.GetUtcNow(), _options.Interval, _offsetSeed), _time, stop);
            using var ticker = new PeriodicTimer(_options.Interval, _time);
            do
            {
                await ScrapeOnceAsync(_time.GetUtcNow(), stop);
            }
            while (await ticker.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>One scrape at <paramref name="scrapeTime"/>: fetch, parse, append, report. Never throws for target errors.</summary>
    public async Task ScrapeOnceAsync(DateTimeOffset scrapeTime, CancellationToken stop)
    {
        long start = Stopwatch.GetTimestamp();
        long t = scrapeTime.ToUnixTimeMilliseconds();
        string error = "";
        var counts = default(AppendCounts);
        try
        {
            using var timeout = new CancellationTokenSource(_options.Timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
            ScrapeBody body;
            try
            {
                body = await _source.FetchAsync(linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stop.IsCancellationRequested)
            {
                throw new ScrapeException($"Get \"{_target.Url}\": context deadline exceeded");
            }
            counts = AppendBody(body, t, stop);
        }
        catch (ScrapeException e)
        {
            error = e.Message;
        }
        catch (ExpositionException e)
        {
            error = e.Message;
        }
        catch (HttpRequestException e)
        {
            error = $"Get \"{_target.Url}\": {e.Message}";
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            _source.ReleaseBody();   // parsed and appended (or failed): a pooled body buffer goes back for other targets
        }

        if (error.Length > 0)
        {
            MarkLiveSeriesStale(t);
            _metrics.ScrapeFailures.Inc();
        }
        var duration = Stopwatch.GetElapsedTime(start);
        AppendReport(t, error.Length == 0, duration, counts);
        _target.Report(new ScrapeReport(error.Length == 0 ? TargetHealth.Up : TargetHealth.Down, error, scrapeTime, duration,
            counts.Scraped, counts.PostRelabel, counts.Added));
        _metrics.ScrapeDuration.Observe(duration.TotalSeconds);
        if (error.Length > 0 && _wasUp)
        {
            Log.TargetDown(_logger, _target.ScrapePool, _target.Url.ToString(), error);
        }
        else if (error.Length == 0 && !_wasUp)
        {
            Log.TargetUp(_logger, _target.ScrapePool, _target.Url.ToString());
        }
        _wasUp = error.Length == 0;
    }

    private struct AppendCounts
    {
        public int Scraped, PostRelabel, Added;
    }

    /// <summary>Parses the body and appends it as one batch; on any failure nothing of it is stored.</summary>
    private AppendCounts AppendBody(ScrapeBody body, long defaultT, CancellationToken stop)
    {
        var counts = default(AppendCounts);
        int iter = ++_iter;
        var app = _store.Appender();
        bool committed = false;
        _nextCount = 0;
        try
        {
            var parser = new ExpositionParser(body.Bytes.Span, ExpositionContentTypes.FromContentType(body.ContentType));
            var cache = _cache;
            var live = _live;
            int liveCount = _liveCount;
            int expected = 0;   // where in the last scrape's list this body's next series most likely is
            bool duplicates = false;
            if (parser.Format != _cacheFormat)
            {
                // The cache's series lengths stand for series texts accepted in one format (an OpenMetrics label block is
                // valid text 0.0.4, not always the other way round): a target that switched formats starts them afresh.
                _cache.ForgetSeriesLengths();
                _cacheFormat = parser.Format;
            }
            while (true)
            {
                UInt128 key;
                int index;
                Labels? labels = null;   // built only for a series the cache does not know, or whose ref the store lost
                // Prefetch pipeline over the lines to come (they are usually the last scrape's series, in order): the
                // cache entry four lines ahead, and the store's series two ahead (whose entry came in two lines ago).
                if (expected + 4 < liveCount) PrefetchEntry(ref cache.At(live[expected + 4]));
                if (expected + 2 < liveCount) app.Prefetch(cache.At(live[expected + 2]).Ref);
                // Fast path: targets expose their series in the same order every scrape, so the line is usually the series
                // after the previous one's: if its first bytes hash to that entry's key, they are a series text this parser
                // accepted before, and the parser reads only the value, not the label block again.
                if (expected < liveCount && parser.TryPeekSeries(cache.At(live[expected]).SeriesLength) &&
                    cache.Matches(live[expected], key = XxHash128.HashToUInt128(parser.SeriesBytes)))
                {
                    parser.CompleteKnownSeries();
                    index = live[expected++];
                }
                else
                {
                    ExpositionEntry entry = parser.Next();
                    if (entry == ExpositionEntry.Eof) break;
                    if (entry != ExpositionEntry.Series)
                    {
                        if (entry is ExpositionEntry.Help or ExpositionEntry.Type or ExpositionEntry.Unit) _target.Metadata.Record(entry, ref parser);
                        continue;
                    }
                    ReadOnlySpan<byte> series = parser.SeriesBytes;
                    key = XxHash128.HashToUInt128(series);
                    // Next best: the entry after the previous series' entry (a line the fast path could not peek at);
                    // comparing its key walks memory in order instead of hashing and probing.
                    if (expected < liveCount && cache.Matches(live[expected], key))
                    {
                        index = live[expected++];
                    }
                    else if ((index = cache.Find(key)) < 0)
                    {
                        labels = FinalLabels(parser.BuildLabels());
                        index = cache.Add(key, series.Length, dropped: labels is null);
                    }
                    else
                    {
                        int position = cache.At(index).Position;
                        if (position < liveCount && live[position] == index && cache.At(index).SeenIter != iter)
                        {
                            expected = position + 1;   // resynchronized after series that came or went
                        }
                    }
                }
                // A huge body must not hold up shutdown: give up (rolling back) when the loop is being stopped.
                if ((++counts.Scraped & 4095) == 0) stop.ThrowIfCancellationRequested();
                long t = defaultT;
                if (_options.HonorTimestamps && parser.TimestampMs is long ts) t = ts;

                ref var ce = ref cache.At(index);   // valid until the next cache.Add: below there is none
                bool repeated = ce.SeenIter == iter;
                ce.SeenIter = iter;
                if (!repeated) ce.Position = _nextCount;
                AddNext(index);
                if (ce.Dropped) continue;   // dropped by metric_relabel_configs; remembered so the cache keeps it
                counts.PostRelabel++;
                if (_options.SampleLimit > 0 && counts.PostRelabel > _options.SampleLimit)
                {
                    _metrics.ExceededSampleLimit.Inc();
                    throw new ScrapeException($"sample limit exceeded: more than {_options.SampleLimit} samples after metric relabelling");
                }
                if (repeated)
                {
                    // The same series twice in one body: Prometheus rejects the second as a duplicate and goes on.
                    duplicates = true;
                    _metrics.DuplicateSamples.Inc();
                    continue;
                }
                // A series the store refused last time (series limit, too old) has no ref: label it again. The cache never
                // keeps label sets: once the store has a series its ref is enough, and a refused one (a cardinality bomb
                // against --storage.tsdb.max-series: millions of them) is labelled again from its text if it comes back.
                if (ce.Ref.IsNone) labels ??= LabelAgain(ref parser);
                bool isNew = ce.Ref.IsNone;
                var outcome = app.Append(ref ce.Ref, labels, t, parser.Value);
                if (outcome == AppendOutcome.UnknownSeries)
                {
                    // The store dropped the series behind our ref (head GC): label it again from the exposed text.
                    ce.Ref = SeriesRef.None;
                    isNew = true;
                    outcome = app.Append(ref ce.Ref, LabelAgain(ref parser), t, parser.Value);
                }
                switch (outcome)
                {
                    case AppendOutcome.Ok:
                    case AppendOutcome.Repeat:
                        if (isNew) counts.Added++;
                        break;
                    case AppendOutcome.OutOfOrder:
                        _metrics.OutOfOrderSamples.Inc();
                        break;
                    case AppendOutcome.Duplicate:
                        _metrics.DuplicateSamples.Inc();
                        break;
                    case AppendOutcome.TooOld:
                        _metrics.OutOfBoundsSamples.Inc();
                        break;
                }
            }
            AppendStaleMarkers(app, iter, defaultT);
            try
            {
                app.Commit();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The store could not write (disk full, I/O error) and rolled the batch back. The scrape fails with the
                // reason, so the target shows it; the loop goes on, and stores again once the store can write.
                throw new ScrapeException($"storing the scrape failed: {e.Message}");
            }
            committed = true;
            // This scrape's series become the live ones, the previous list is reused for the next scrape.
            int previousCount = _liveCount;
            (_live, _next) = (_next, _live);
            (_liveCount, _nextCount) = (_nextCount, previousCount);
            _liveHasDuplicates = duplicates;
            ClearNext();
            EvictOldEntries(iter);
            return counts;
        }
        finally
        {
            if (!committed)
            {
                app.Rollback();
                ClearNext();
            }
        }
    }

    /// <summary>
    /// Fast path: asks the CPU to fetch the entry after next while this line is parsed and appended. The cache's entries
    /// are one array, but a body's order need not be the array's (series come and go), and without this an out-of-order
    /// entry costs a main-memory miss in the key comparison. A hint only.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchEntry(ref ScrapeCache.Entry afterNext)
    {
        if (!Sse.IsSupported) return;
        Sse.Prefetch0(Unsafe.AsPointer(ref afterNext));
    }

    private void AddNext(int index)
    {
        if (_nextCount == _next.Length) Array.Resize(ref _next, Math.Max(64, _next.Length * 2));
        _next[_nextCount++] = index;
    }

    /// <summary>Empties the list being built; shrinks a list that outgrew its target.</summary>
    private void ClearNext()
    {
        if (_next.Length > 1024 && _next.Length > 4 * _liveCount) _next = new int[Math.Max(64, _liveCount)];
        _nextCount = 0;
    }

    /// <summary>
    /// Series exposed by the last successful scrape but not by this attempt (<paramref name="iter"/>) get a stale marker; with
    /// iter 0 (a failed scrape, a stopped target) all of them do.
    /// </summary>
    private void AppendStaleMarkers(IAppender app, int iter, long t)
    {
        HashSet<int>? done = _liveHasDuplicates ? [] : null;
        for (int i = 0; i < _liveCount; i++)
        {
            int index = _live[i];
            ref var ce = ref _cache.At(index);
            if (ce.Dropped || (iter != 0 && ce.SeenIter == iter)) continue;
            if (done is not null && !done.Add(index)) continue;   // listed twice: the previous body repeated the series
            // No labels: a series the store does not know by ref (refused, or dropped by head GC) gets no marker.
            app.Append(ref ce.Ref, null, t, StaleNaN.Value);
        }
    }

    /// <summary>After a failed scrape, or when the target goes away: everything live becomes stale.</summary>
    private void MarkLiveSeriesStale(long t)
    {
        if (_liveCount == 0) return;
        var app = _store.Appender();
        AppendStaleMarkers(app, iter: 0, t);
        TryCommit(app);
        _liveCount = 0;
        _liveHasDuplicates = false;
    }

    private void EvictOldEntries(int iter)
    {
        if (iter % CacheEvictAfterScrapes != 0) return;
        _cache.RemoveSeenBefore(iter - CacheEvictAfterScrapes, _live.AsSpan(0, _liveCount));
    }

    private void AppendReport(long t, bool up, TimeSpan duration, AppendCounts counts)
    {
        var app = _store.Appender();
        Span<double> values = [up ? 1 : 0, duration.TotalSeconds, counts.Scraped, counts.PostRelabel, counts.Added];
        for (int i = 0; i < values.Length; i++)
        {
            app.Append(ref _reportRefs[i], _reportLabels[i], t, values[i]);
        }
        TryCommit(app);
    }

    /// <summary>
    /// Commits stale markers or the report series. When the store cannot write (disk full), the scrape's own commit already
    /// failed and reported why; these are lost with it rather than ending the loop.
    /// </summary>
    private static void TryCommit(IAppender app)
    {
        try
        {
            app.Commit();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Rolled back by the store; counted there (prometheus_tsdb_wal_writes_failed_total).
        }
    }

    /// <summary>How many series the scrape cache holds (tests: eviction).</summary>
    internal int CachedSeries => _cache.Count;

    /// <summary>The final labels of a cached, kept series built again from the line being parsed.</summary>
    private Labels LabelAgain(ref ExpositionParser parser) =>
        FinalLabels(parser.BuildLabels()) ?? throw new InvalidOperationException("BUG: a kept series is dropped on relabelling again");

    /// <summary>
    /// Target labels joined to an exposed label set, then metric relabelling (Prometheus's mutateSampleLabels). With
    /// honor_labels the exposed labels win; otherwise a clashing exposed label is kept as <c>exported_&lt;name&gt;</c>.
    /// Null when relabelling drops the series. Limit violations fail the whole scrape, as in Prometheus.
    /// </summary>
    private Labels? FinalLabels(Labels exposed)
    {
        var b = exposed.ToBuilder();
        foreach (var tl in _target.PublicLabels)
        {
            string existing = b.Get(tl.Name);
            if (_options.HonorLabels)
            {
                if (existing.Length == 0) b.Set(tl.Name, tl.Value);
                continue;
            }
            if (existing.Length > 0)
            {
                string name = "exported_" + tl.Name;
                while (b.Get(name).Length > 0) name = "exported_" + name;
                b.Set(name, existing);
            }
            b.Set(tl.Name, tl.Value);
        }
        Labels labels = b.Build();
        if (_options.MetricRelabelConfigs.Count > 0)
        {
            Labels? relabelled = Relabeler.Process(labels, _options.MetricRelabelConfigs);
            if (relabelled is null || relabelled.Count == 0) return null;
            labels = relabelled;
        }
        CheckLimits(labels);
        return labels;
    }

    private void CheckLimits(Labels labels)
    {
        if (_options.LabelLimit > 0 && labels.Count > _options.LabelLimit)
        {
            throw new ScrapeException($"label_limit exceeded (metric: {labels.MetricNameValue}, number of labels: {labels.Count}, limit: {_options.LabelLimit})");
        }
        foreach (var l in labels)
        {
            if (_options.LabelNameLengthLimit > 0 && l.Name.Length > _options.LabelNameLengthLimit)
            {
                throw new ScrapeException($"label_name_length_limit exceeded (metric: {labels.MetricNameValue}, label name: {l.Name}, length: {l.Name.Length}, limit: {_options.LabelNameLengthLimit})");
            }
            if (_options.LabelValueLengthLimit > 0 && l.Value.Length > _options.LabelValueLengthLimit)
            {
                throw new ScrapeException($"label_value_length_limit exceeded (metric: {labels.MetricNameValue}, label name: {l.Name}, value: \"{l.Value}\", length: {l.Value.Length}, limit: {_options.LabelValueLengthLimit})");
            }
        }
    }

    /// <summary>Stops the loop and marks everything this target exposed stale, as Prometheus does when a target goes away.</summary>
    public async ValueTask StopAsync(bool markStale)
    {
        _stop.Cancel();
        if (_run is not null) await _run;
        if (!markStale) return;
        long t = _time.GetUtcNow().ToUnixTimeMilliseconds();
        MarkLiveSeriesStale(t);
        var app = _store.Appender();
        for (int i = 0; i < _reportLabels.Length; i++)
        {
            if (!_reportRefs[i].IsNone) app.Append(ref _reportRefs[i], _reportLabels[i], t, StaleNaN.Value);
        }
        TryCommit(app);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(markStale: false);
        _source.Dispose();
        _stop.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Target {Job}/{Target} is down: {Error}")]
        public static partial void TargetDown(ILogger logger, string job, string target, string error);

        [LoggerMessage(Level = LogLevel.Information, Message = "Target {Job}/{Target} is up again")]
        public static partial void TargetUp(ILogger logger, string job, string target);
    }
}
