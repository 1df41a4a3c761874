using Argus.Model;

namespace Argus.Collect.Scrape;

/// <summary>
/// What the scrape cache remembers about one exposed series text: a 128-bit hash of the text (the cache's key; keeping the
/// text itself cost ~230 bytes a series, and two texts of one target colliding in 128 bits is not a practical concern —
/// Prometheus's scrape loop tracks series by a 64-bit hash),
/// whether metric relabelling dropped it, its store ref, the last scrape iteration that exposed it (duplicates within a
/// body, eviction) and its position in the last scrape (so the next scrape can follow the body's order).
/// <para>The final labels are held only until the store has committed the series: from then on the ref is enough, and a
/// million label sets kept twice (here and in the head) would be most of a scrape cache's memory. If the store forgets the
/// ref, the labels are built again from the body line being parsed.</para>
/// </summary>
internal sealed class ScrapeCacheEntry(UInt128 key, Labels? labels)
{
    /// <summary>XxHash128 of the exposed series text (name and label block as written).</summary>
    public readonly UInt128 Key = key;
    public readonly bool Dropped = labels is null;
    public Labels? Labels = labels;
    public SeriesRef Ref;

    /// <summary>The scrape attempt that last exposed this series, committed or not (detects repeats within one body).</summary>
    public long SeenIter;

    /// <summary>Index of this entry in the series list of the scrape that last exposed it; a hint, checked before use.</summary>
    public int Position;
}
