using Argus.Collect.Scrape;
using CsCheck;

namespace Argus.Tests.Collect.Scrape;

/// <summary>
/// The scrape cache against a plain dictionary: any sequence of scrapes (keys exposed, repeats, series that go away) finds
/// exactly the keys the model holds, eviction removes exactly those not seen within the window, and a shrinking rebuild
/// renumbers the live list so each live index still names its key.
/// </summary>
public sealed class ScrapeCacheTests
{
    private static UInt128 Key(int k) => new(upper: (ulong)k, lower: (ulong)k * 0x9E3779B97F4A7C15);   // the key (k) is the upper half

    [Fact]
    public void MatchesADictionaryModel_ForAnyScrapesAndEvictions()
    {
        // Each scrape exposes a set of keys from a universe of 0..n; big bursts followed by small scrapes make the table shrink.
        var scrape = Gen.Frequency(
            (4, Gen.Int[0, 40].Array[0, 30]),
            (1, Gen.Int[0, 3000].Array[200, 1500]));
        scrape.Array[1, 30].Sample(scrapes =>
        {
            var cache = new ScrapeCache();
            var model = new Dictionary<int, int>();   // key → last scrape that exposed it
            int[] live = [];
            for (int iter = 1; iter <= scrapes.Length; iter++)
            {
                var next = new List<int>();
                foreach (int k in scrapes[iter - 1])
                {
                    int index = cache.Find(Key(k));
                    Assert.Equal(model.ContainsKey(k), index >= 0);
                    if (index < 0) index = cache.Add(Key(k), seriesLength: 12, dropped: k % 7 == 0);
                    Assert.True(cache.Matches(index, Key(k)));
                    ref var e = ref cache.At(index);
                    Assert.Equal(k % 7 == 0, e.Dropped);
                    if (e.SeenIter != iter) next.Add(index);
                    e.SeenIter = iter;
                    model[k] = iter;
                }
                live = [.. next];
                int oldestKept = iter - 3;
                cache.RemoveSeenBefore(oldestKept, live);
                foreach (var k in model.Where(p => p.Value < oldestKept).Select(p => p.Key).ToList()) model.Remove(k);

                Assert.Equal(model.Count, cache.Count);
                foreach (int k in model.Keys) Assert.True(cache.Find(Key(k)) >= 0);
                var exposed = scrapes[iter - 1].Distinct().Order().ToArray();
                Assert.Equal(exposed, live.Select(i => (int)(ulong)(cache.At(i).KeyHigh)).Order().ToArray());
                Assert.All(live, i => Assert.Equal(iter, cache.At(i).SeenIter));
            }
            for (int k = 0; k <= 3000; k++) Assert.Equal(model.ContainsKey(k), cache.Find(Key(k)) >= 0);
        });
    }

    [Fact]
    public void AFreedSlotIsReused_AndItsOldKeyIsNotFound()
    {
        var cache = new ScrapeCache();
        int a = cache.Add(Key(1), seriesLength: 12, dropped: false);
        cache.At(a).SeenIter = 1;
        int b = cache.Add(Key(2), seriesLength: 12, dropped: false);
        cache.At(b).SeenIter = 5;
        cache.RemoveSeenBefore(2, []);
        Assert.Equal(-1, cache.Find(Key(1)));
        Assert.False(cache.Matches(a, Key(1)));   // a stale position hint must not match a freed slot
        Assert.Equal(a, cache.Add(Key(3), seriesLength: 12, dropped: false));
        Assert.Equal(b, cache.Find(Key(2)));
        Assert.Equal(2, cache.Count);
    }
}
