using CsCheck;
using Argus.Model;
using Argus.Store;
using Argus.Store.Head;
using Argus.Telemetry;

namespace Argus.Tests.Store.Head;

public sealed class HeadTests
{
    private static readonly Labels s_a = Labels.FromStrings("__name__", "up", "job", "api", "instance", "a:9090");
    private static readonly Labels s_b = Labels.FromStrings("__name__", "up", "job", "db", "instance", "b:9090");
    private static readonly Labels s_c = Labels.FromStrings("__name__", "http_requests_total", "job", "api", "code", "200");

    private static void AppendOne(IAppendable h, Labels labels, long t, double v)
    {
        var app = h.Appender();
        var r = SeriesRef.None;
        Assert.Equal(AppendOutcome.Ok, app.Append(ref r, labels, t, v));
        app.Commit();
    }

    [Fact]
    public void Select_AfterCommit_ReturnsSamplesClippedToRange()
    {
        using var head = TestHead.Create();
        for (long t = 0; t < 300; t++)
        {
            var app = head.Appender();
            var r = SeriesRef.None;
            app.Append(ref r, s_a, t * 15_000, t);
            r = SeriesRef.None;
            app.Append(ref r, s_b, t * 15_000, -t);
            app.Commit();
        }
        var all = TestHead.Read(head, long.MinValue, long.MaxValue, Matcher.Equal("__name__", "up"));
        Assert.Equal([s_a, s_b], all.Select(s => s.Labels));
        Assert.Equal(300, all[0].Samples.Count);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => new Sample(i * 15_000L, i)), all[0].Samples);

        var clipped = TestHead.Read(head, 100 * 15_000, 250 * 15_000, Matcher.Equal("job", "db"));
        var only = Assert.Single(clipped);
        Assert.Equal(Enumerable.Range(100, 151).Select(i => new Sample(i * 15_000L, -i)), only.Samples);
        Assert.Equal(0, head.MinTime);
        Assert.Equal(299 * 15_000, head.MaxTime);
    }

    [Fact]
    public void Append_ByRefWithoutLabels_WorksForKnownRefsAndSaysUnknownOtherwise()
    {
        using var head = TestHead.Create();
        var app = head.Appender();
        var r = SeriesRef.None;
        Assert.Equal(AppendOutcome.UnknownSeries, app.Append(ref r, null, 1000, 1));
        Assert.Equal(AppendOutcome.Ok, app.Append(ref r, s_a, 1000, 1));
        app.Commit();

        app = head.Appender();
        Assert.Equal(AppendOutcome.Ok, app.Append(ref r, null, 2000, 2));
        var unknown = new SeriesRef(r.Value + 1000);
        Assert.Equal(AppendOutcome.UnknownSeries, app.Append(ref unknown, null, 2000, 3));
        app.Commit();
        Assert.Equal([new Sample(1000, 1), new Sample(2000, 2)], TestHead.Read(head, 0, 5000, Matcher.Equal("job", "api"))[0].Samples);
    }

    [Fact]
    public void Append_BeforeCommit_IsInvisible_AndRollbackDiscards()
    {
        using var head = TestHead.Create();
        var app = head.Appender();
        var r = SeriesRef.None;
        app.Append(ref r, s_a, 1000, 1);
        Assert.Empty(TestHead.Read(head, 0, 5000, Matcher.Equal("job", "api")));
        app.Rollback();
        Assert.Empty(TestHead.Read(head, 0, 5000, Matcher.Equal("job", "api")));
        AppendOne(head, s_a, 1000, 2); // the rolled-back sample does not block the same timestamp
        Assert.Equal([new Sample(1000, 2)], TestHead.Read(head, 0, 5000, Matcher.Equal("job", "api"))[0].Samples);
    }

    [Theory]
    [InlineData(999, 7.0, AppendOutcome.OutOfOrder, "out_of_order")]
    [InlineData(1000, 8.0, AppendOutcome.Duplicate, "duplicate")]
    [InlineData(1000, 7.0, AppendOutcome.Repeat, null)]
    public void Append_AgainstLastSample_RejectsByReason(long t, double v, AppendOutcome expected, string? reason)
    {
        var metrics = new MetricsRegistry();
        using var head = TestHead.Create(metrics);
        AppendOne(head, s_a, 1000, 7);
        var app = head.Appender();
        var r = SeriesRef.None;
        Assert.Equal(expected, app.Append(ref r, s_a, t, v));
        app.Commit();
        Assert.Equal([new Sample(1000, 7)], TestHead.Read(head, 0, 5000, Matcher.Equal("job", "api"))[0].Samples);
        foreach (var name in new[] { "out_of_order", "duplicate", "too_old" })
        {
            Assert.Equal(name == reason ? 1 : 0, TestHead.Value(metrics, "argus_tsdb_head_samples_rejected_total", "reason", name));
        }
        Assert.Equal(reason == "out_of_order" ? 1 : 0, TestHead.Value(metrics, "argus_tsdb_out_of_order_samples_total"));
        Assert.Equal(1, TestHead.Value(metrics, "argus_tsdb_head_samples_appended_total", "type", "float"));
    }

    [Fact]
    public void Append_OlderThanHalfChunkRangeBehindMax_IsTooOld()
    {
        var metrics = new MetricsRegistry();
        using var head = TestHead.Create(metrics);
        AppendOne(head, s_a, 10_000_000, 1);
        var app = head.Appender();
        var r = SeriesRef.None;
        Assert.Equal(AppendOutcome.TooOld, app.Append(ref r, s_b, 10_000_000 - 3600_000 - 1, 1));
        Assert.Equal(AppendOutcome.Ok, app.Append(ref r, s_b, 10_000_000 - 3600_000, 1));
        app.Commit();
        Assert.Equal(1, TestHead.Value(metrics, "argus_tsdb_out_of_bound_samples_total"));
        Assert.Equal(1, TestHead.Value(metrics, "argus_tsdb_head_samples_rejected_total", "reason", "too_old"));
    }

    [Fact]
    public void Append_WithinOneBatch_SecondOlderSampleDroppedAtCommit()
    {
        var metrics = new MetricsRegistry();
        using var head = TestHead.Create(metrics);
        var app = head.Appender();
        var r = SeriesRef.None;
        app.Append(ref r, s_a, 2000, 1);
        app.Append(ref r, s_a, 1000, 2); // validated against committed state only, as Prometheus does
        app.Commit();
        Assert.Equal([new Sample(2000, 1)], TestHead.Read(head, 0, 5000, Matcher.Equal("job", "api"))[0].Samples);
        Assert.Equal(1, TestHead.Value(metrics, "argus_tsdb_head_samples_rejected_total", "reason", "out_of_order"));
    }

    [Fact]
    public void Append_StaleMarker_IsStoredBitExactly()
    {
        using var head = TestHead.Create();
        AppendOne(head, s_a, 1000, 1);
        AppendOne(head, s_a, 2000, StaleNaN.Value);
        var samples = TestHead.Read(head, 0, 5000, Matcher.Equal("job", "api"))[0].Samples;
        Assert.True(StaleNaN.IsStale(samples[1].V));
    }

    [Fact]
    public void Append_CachedRef_SkipsLookupAndSurvivesUntilGc()
    {
        using var head = TestHead.Create();
        var app = head.Appender();
        var r = SeriesRef.None;
        app.Append(ref r, s_a, 1000, 1);
        app.Commit();
        Assert.False(r.IsNone);
        Assert.True(head.IsActive(r));
        var cached = r;
        app = head.Appender();
        app.Append(ref cached, s_a, 2000, 2);
        app.Commit();
        Assert.Equal(r, cached);

        head.Truncate(10_000);
        Assert.False(head.IsActive(r));
        Assert.Equal(0, head.SeriesCount);
        app = head.Appender();
        Assert.Equal(AppendOutcome.Ok, app.Append(ref cached, s_a, 20_000, 3)); // stale ref: falls back to the labels
        app.Commit();
        Assert.NotEqual(r, cached);
        Assert.Equal([new Sample(20_000, 3)], TestHead.Read(head, 0, 50_000, Matcher.Equal("job", "api"))[0].Samples);
    }

    [Fact]
    public void Commit_CutsChunksEvery120SamplesAndAtRangeBoundaries()
    {
        var metrics = new MetricsRegistry();
        using var head = TestHead.Create(metrics, new HeadOptions { StripeSize = 4, ChunkRangeMs = 10_000 });
        // 0..9999 holds 100 samples (one chunk), then 10_000..12_499 at 100 ms: crosses the boundary, then 120/chunk.
        for (long t = 0; t < 10_000; t += 100) AppendOne(head, s_a, t, t);
        Assert.Equal(1, head.Stats(5).ChunkCount);
        AppendOne(head, s_a, 10_000, 1);
        Assert.Equal(2, head.Stats(5).ChunkCount);
        for (long t = 10_001; t < 10_120; t++) AppendOne(head, s_a, t, t);
        Assert.Equal(2, head.Stats(5).ChunkCount);
        AppendOne(head, s_a, 10_120, 1);
        Assert.Equal(3, head.Stats(5).ChunkCount);
        Assert.Equal(3, TestHead.Value(metrics, "argus_tsdb_head_chunks"));
        Assert.Equal(100 + 121, TestHead.Read(head, 0, 20_000, Matcher.Equal("job", "api"))[0].Samples.Count);
    }

    [Fact]
    public void Truncate_DropsOldChunks_GcsEmptySeries_RaisesTooOldBound()
    {
        var metrics = new MetricsRegistry();
        using var head = TestHead.Create(metrics, new HeadOptions { StripeSize = 4, ChunkRangeMs = 10_000 });
        AppendOne(head, s_b, 5000, 1);
        for (long t = 0; t < 20_000; t += 1000) AppendOne(head, s_a, t, t);
        Assert.Equal(2, head.SeriesCount);
        head.Truncate(10_000);
        Assert.Equal(1, head.SeriesCount);
        Assert.Equal(10_000, head.MinTime);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => new Sample(i * 1000L, i * 1000L)),
            TestHead.Read(head, 0, 50_000, Matcher.Equal("__name__", "up"))[0].Samples);
        Assert.Equal(["api"], head.Querier(0, 1).LabelValues("job"));
        Assert.Equal(1, TestHead.Value(metrics, "argus_tsdb_head_series_removed_total"));
        Assert.Equal(1, TestHead.Value(metrics, "argus_tsdb_head_series"));

        var app = head.Appender();
        var r = SeriesRef.None;
        Assert.Equal(AppendOutcome.TooOld, app.Append(ref r, s_b, 9_999, 1));
        app.Rollback();
    }

    [Fact]
    public void LabelNamesAndValues_WithAndWithoutMatchers()
    {
        using var head = TestHead.Create();
        AppendOne(head, s_a, 1000, 1);
        AppendOne(head, s_b, 1000, 1);
        AppendOne(head, s_c, 1000, 1);
        using var q = head.Querier(0, 2000);
        Assert.Equal(["__name__", "code", "instance", "job"], q.LabelNames());
        Assert.Equal(["__name__", "code", "job"], q.LabelNames(Matcher.Equal("__name__", "http_requests_total")));
        Assert.Equal(["api", "db"], q.LabelValues("job"));
        Assert.Equal(["api"], q.LabelValues("job", new Matcher(MatcherType.Regexp, "instance", "a.*")));
    }

    [Fact]
    public void Select_RegexAndNegativeMatchers_MatchPrometheusSemantics()
    {
        using var head = TestHead.Create();
        AppendOne(head, s_a, 1000, 1);
        AppendOne(head, s_b, 1000, 1);
        AppendOne(head, s_c, 1000, 1);
        Assert.Equal([s_c], TestHead.Read(head, 0, 2000, new Matcher(MatcherType.Regexp, "job", "api|db"), new Matcher(MatcherType.NotEqual, "code", "")).Select(s => s.Labels));
        Assert.Equal([s_a, s_b], TestHead.Read(head, 0, 2000, new Matcher(MatcherType.Regexp, "__name__", ".+"), Matcher.Equal("code", "")).Select(s => s.Labels));
        Assert.Equal([s_b], TestHead.Read(head, 0, 2000, new Matcher(MatcherType.NotRegexp, "job", "ap.*"), new Matcher(MatcherType.Regexp, "job", ".+")).Select(s => s.Labels));
    }

    [Fact]
    public void Stats_CountsSeriesByMetricNameAndLabelPair()
    {
        using var head = TestHead.Create();
        AppendOne(head, s_a, 1000, 1);
        AppendOne(head, s_b, 1000, 1);
        AppendOne(head, s_c, 1000, 1);
        var stats = head.Stats(2);
        Assert.Equal(3, stats.NumSeries);
        Assert.Equal(3, stats.ChunkCount);
        Assert.Equal([("up", 2L), ("http_requests_total", 1L)], stats.SeriesCountByMetricName);
        Assert.Equal([("__name__=up", 2L), ("job=api", 2L)], stats.SeriesCountByLabelValuePair);
        Assert.Equal(7, stats.NumLabelPairs);
    }

    [Fact]
    public void Iterator_Seek_SkipsChunksAndNeverMovesBack()
    {
        using var head = TestHead.Create(options: new HeadOptions { StripeSize = 4, SamplesPerChunk = 10 });
        for (long t = 0; t < 100; t++) AppendOne(head, s_a, t * 10, t);
        using var q = head.Querier(55, 905);
        var set = q.Select(false, Matcher.Equal("job", "api"));
        Assert.True(set.Next());
        var it = set.At.Iterator();
        Assert.True(it.Seek(0));
        Assert.Equal(60, it.T);
        Assert.True(it.Seek(333));
        Assert.Equal(340, it.T);
        Assert.True(it.Seek(100));
        Assert.Equal(340, it.T);
        Assert.True(it.Next());
        Assert.Equal(350, it.T);
        Assert.True(it.Seek(900));
        Assert.Equal(900, it.T);
        Assert.False(it.Next());
        Assert.False(it.Seek(950));
    }

    [Fact]
    public void Replay_SeriesAndSamples_KeepsRefsAndAdvancesNextRef()
    {
        using var head = TestHead.Create();
        head.ReplaySeries(7, s_a);
        head.ReplaySeries(3, s_b);
        head.ReplaySeries(9, s_a); // same labels logged again under a new ref: samples of 9 go to series 7
        var cursor = head.StartReplay();
        head.ReplaySample(ref cursor, 7, 1000, 1);
        head.ReplaySample(ref cursor, 3, 1000, 2);
        head.ReplaySample(ref cursor, 9, 2000, 3);
        head.ReplaySample(ref cursor, 42, 2000, 3); // unknown series: skipped
        head.FinishReplay(ref cursor);
        Assert.Equal(1, cursor.Unknown);
        Assert.True(head.IsActive(new SeriesRef(7)));
        Assert.True(head.IsActive(new SeriesRef(3)));
        Assert.Equal([new Sample(1000, 1), new Sample(2000, 3)], TestHead.Read(head, 0, 5000, Matcher.Equal("job", "api"))[0].Samples);
        var app = head.Appender();
        var r = SeriesRef.None;
        app.Append(ref r, s_c, 3000, 1);
        app.Commit();
        Assert.Equal(10UL, r.Value);
    }

    [Fact]
    public void Replay_RefsInAnyOrderAndSpread_EverySampleReachesItsSeries()
    {
        // Checkpoints list series in any ref order and churn leaves gaps: the replay ref table grows up and down, and refs too
        // far from the rest (beyond its bound) take the stripe path. Each series must get exactly its own samples.
        var refs = Gen.Select(Gen.ULong[1, 5_000].Array[1, 40], Gen.ULong[5_000, 4_000_000].Array[0, 5],
            (near, far) => near.Take(near.Length / 2).Concat(far).Concat(near.Skip(near.Length / 2)).Distinct().ToArray());
        refs.Sample(set =>
        {
            using var head = TestHead.Create();
            var order = set;
            foreach (ulong r in order) head.ReplaySeries(r, Labels.FromStrings("__name__", "m", "ref", r.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var cursor = head.StartReplay();
            for (int t = 1; t <= 2; t++)
            {
                foreach (ulong r in order.Reverse()) head.ReplaySample(ref cursor, r, t * 1000L, r + (ulong)t);
            }
            head.ReplaySample(ref cursor, 4_000_001, 1000, 1);   // never logged: skipped
            head.FinishReplay(ref cursor);
            Assert.Equal(1, cursor.Unknown);
            var read = TestHead.Read(head, 0, 5000, Matcher.Equal("__name__", "m"));
            Assert.Equal(order.Length, read.Count);
            foreach (var (labels, samples) in read)
            {
                ulong r = ulong.Parse(labels.Get("ref"), System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal([new Sample(1000, r + 1), new Sample(2000, r + 2)], samples);
            }
        });
    }
}
