using Argus.Model;

namespace Argus.Collect.Scrape;

/// <summary>
/// What the scrape cache remembers about one exposed series text: the text itself (the cache's key, shared, not copied),
/// whether metric relabelling dropped it, its store ref, the last scrape iteration that exposed it (duplicates within a
/// body, eviction) and its position in the last scrape (so the next scrape can follow the body's order).
/// <para>The final labels are held only until the store has committed the series: from then on the ref is enough, and a
/// million label sets kept twice (here and in the head) would be most of a scrape cache's memory. If the store forgets the
/// ref, the labels are rebuilt from the key.</para>
/// </summary>
internal sealed class ScrapeCacheEntry(byte[] key, Labels? labels)
{
    public readonly byte[] Key = key;
    public readonly bool Dropped = labels is null;
    public Labels? Labels = labels;
    public SeriesRef Ref;

    /// <summary>The scrape attempt that last exposed this series, committed or not (detects repeats within one body).</summary>
    public long SeenIter;

    /// <summary>Index of this entry in the series list of the scrape that last exposed it; a hint, checked before use.</summary>
    public int Position;
}
