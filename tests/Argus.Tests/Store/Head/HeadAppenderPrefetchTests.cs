using Argus.Model;
using Argus.Store;
using Argus.Store.Head;

namespace Argus.Tests.Store.Head;

/// <summary><see cref="IAppender.Prefetch"/> is a hint: any ref, known or not, in any state of the head, changes nothing.</summary>
public sealed class HeadAppenderPrefetchTests
{
    private static readonly Labels s_a = Labels.FromStrings("__name__", "up", "job", "api");
    private static readonly Labels s_b = Labels.FromStrings("__name__", "up", "job", "db");

    [Fact]
    public void Prefetch_AnyRefInAnyHeadState_LeavesAppendsAndReadsUnchanged()
    {
        using var head = TestHead.Create(options: new HeadOptions { StripeSize = 4, ChunkRangeMs = 10_000 });
        ulong[] hints = [0, 1, 2, 3, 4, 5, 1 << 20, ulong.MaxValue, ulong.MaxValue - 3];

        // An empty head: no table has slots yet.
        var app = head.Appender();
        foreach (ulong h in hints) app.Prefetch(new SeriesRef(h));
        SeriesRef a = SeriesRef.None, b = SeriesRef.None;
        Assert.Equal(AppendOutcome.Ok, app.Append(ref a, s_a, 1000, 1));
        app.Prefetch(b);
        Assert.Equal(AppendOutcome.Ok, app.Append(ref b, s_b, 1000, 2));
        app.Commit();

        // Known refs, each other's refs and unknown ones, interleaved with appends by ref.
        for (long t = 2000; t < 20_000; t += 1000)
        {
            app = head.Appender();
            foreach (ulong h in hints) app.Prefetch(new SeriesRef(h));
            app.Prefetch(b);
            Assert.Equal(AppendOutcome.Ok, app.Append(ref a, null, t, t));
            app.Prefetch(a);
            Assert.Equal(AppendOutcome.Ok, app.Append(ref b, null, t, -t));
            app.Commit();
        }

        using var fresh = TestHead.Create(options: new HeadOptions { StripeSize = 4, ChunkRangeMs = 10_000 });
        var app2 = fresh.Appender();
        SeriesRef a2 = SeriesRef.None, b2 = SeriesRef.None;
        app2.Append(ref a2, s_a, 1000, 1);
        app2.Append(ref b2, s_b, 1000, 2);
        app2.Commit();
        for (long t = 2000; t < 20_000; t += 1000)
        {
            app2 = fresh.Appender();
            app2.Append(ref a2, null, t, t);
            app2.Append(ref b2, null, t, -t);
            app2.Commit();
        }
        Assert.Equal(
            TestHead.Read(fresh, 0, 20_000, Matcher.Equal("__name__", "up")).Select(s => (s.Labels.ToString(), string.Join(",", s.Samples))),
            TestHead.Read(head, 0, 20_000, Matcher.Equal("__name__", "up")).Select(s => (s.Labels.ToString(), string.Join(",", s.Samples))));

        // After head GC removed a series, its ref is only a hint that misses.
        head.Truncate(30_000);
        app = head.Appender();
        app.Prefetch(a);
        app.Prefetch(b);
        Assert.Equal(AppendOutcome.UnknownSeries, app.Append(ref a, null, 31_000, 1));
        app.Rollback();
    }
}
