using Argus.Model;
using Argus.Store;
using Argus.Store.Head;

namespace Argus.Tests.Store.Head;

public sealed class HeadConcurrencyTests
{
    /// <summary>
    /// Writers commit batches that give every series of their group the same timestamp; readers select the group and check
    /// that all its series end at the same timestamp (no half batch visible), samples are strictly increasing and values equal
    /// their timestamps. A truncator keeps moving the lower bound to exercise GC concurrently.
    /// </summary>
    [Fact]
    [Trait("Category", "Integration")]
    public void AppendQueryTruncate_Concurrently_NeverShowHalfABatch()
    {
        using var head = TestHead.Create(options: new HeadOptions { StripeSize = 16, SamplesPerChunk = 30, ChunkRangeMs = 1_000_000 });
        const int Groups = 2, SeriesPerGroup = 500, Batches = 200;
        using var stop = new CancellationTokenSource();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var progress = new long[Groups]; // last committed timestamp per group

        var writers = Enumerable.Range(0, Groups).Select(g => Task.Factory.StartNew(() =>
        {
            var refs = new SeriesRef[SeriesPerGroup];
            var labels = Enumerable.Range(0, SeriesPerGroup)
                .Select(i => Labels.FromStrings("__name__", "m", "group", g.ToString(System.Globalization.CultureInfo.InvariantCulture), "i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ToArray();
            for (long b = 1; b <= Batches; b++)
            {
                var app = head.Appender();
                long t = b * 1000;
                for (int i = 0; i < SeriesPerGroup; i++)
                {
                    var outcome = app.Append(ref refs[i], labels[i], t, t);
                    if (outcome != AppendOutcome.Ok) errors.Enqueue($"group {g} batch {b} series {i}: {outcome}");
                }
                app.Commit();
                Volatile.Write(ref progress[g], t);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                for (int g = 0; g < Groups; g++)
                {
                    var series = TestHead.Read(head, long.MinValue, long.MaxValue, Matcher.Equal("group", g.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    if (series.Count == 0) continue;
                    var lastTs = series.Select(s => s.Samples.Count == 0 ? -1 : s.Samples[^1].T).Distinct().ToArray();
                    if (lastTs.Length != 1 || series.Count != SeriesPerGroup)
                    {
                        errors.Enqueue($"group {g}: {series.Count} series ending at [{string.Join(",", lastTs)}]");
                    }
                    foreach (var (_, samples) in series)
                    {
                        for (int k = 0; k < samples.Count; k++)
                        {
                            if (samples[k].V != samples[k].T || (k > 0 && samples[k].T <= samples[k - 1].T))
                            {
                                errors.Enqueue($"group {g}: bad sample {samples[k]} at {k}");
                                break;
                            }
                        }
                    }
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        // Dedicated threads: on a 2-core runner the thread pool would run the readers only after the writers finished.
        var truncator = Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Keep the last 50 s of the slowest group, so no writer ever falls below the bound.
                long slowest = long.MaxValue;
                for (int g = 0; g < Groups; g++) slowest = Math.Min(slowest, Volatile.Read(ref progress[g]));
                if (slowest > 50_000) head.Truncate(slowest - 50_000);
                Thread.Sleep(1);
            }
        }, TaskCreationOptions.LongRunning);

        Task.WaitAll(writers);
        stop.Cancel();
        Task.WaitAll([.. readers, truncator]);
        Assert.Empty(errors);
        Assert.Equal(Groups * SeriesPerGroup, head.SeriesCount);
        var last = TestHead.Read(head, long.MinValue, long.MaxValue, Matcher.Equal("__name__", "m"));
        Assert.All(last, s => Assert.Equal(Batches * 1000L, s.Samples[^1].T));
    }
}

public sealed class HeadSeriesCreationTests
{
    /// <summary>
    /// Many appenders creating series at once (a million-series first scrape) must index refs in increasing order: each
    /// out-of-order ref copies every postings list it joins, which at 1M series made ingestion collapse.
    /// </summary>
    [Fact]
    public void ConcurrentCreation_IndexesRefsInOrder()
    {
        using var head = TestHead.Create();
        Parallel.For(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 32 }, w =>
        {
            for (int batch = 0; batch < 20; batch++)
            {
                var app = head.Appender();
                for (int i = 0; i < 250; i++)
                {
                    var r = Argus.Model.SeriesRef.None;
                    app.Append(ref r, Argus.Model.Labels.FromStrings("__name__", "m", "job", "j", "w", w.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        "i", (batch * 1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)), 1000, 1);
                }
                app.Commit();
            }
        });
        Assert.Equal(32 * 20 * 250, head.SeriesCount);
        Assert.Equal(0, head.Postings.OutOfOrderAdds);
    }
}
