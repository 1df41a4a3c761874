using Argus.Model;

namespace Argus.Collect.Scrape;

/// <summary>
/// What the scrape cache remembers about one exposed series text: its final labels (null when metric relabelling dropped
/// it), its store ref, and the last scrape iteration that exposed it (for staleness and eviction).
/// </summary>
internal sealed class ScrapeCacheEntry(Labels? labels)
{
    public readonly Labels? Labels = labels;
    public SeriesRef Ref;

    /// <summary>The scrape attempt that last exposed this series, committed or not (detects repeats within one body).</summary>
    public long SeenIter;

    /// <summary>The last committed scrape that exposed this series (staleness and eviction).</summary>
    public long LiveIter;
}
