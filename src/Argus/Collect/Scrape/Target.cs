using Argus.Model;

namespace Argus.Collect.Scrape;

/// <summary>
/// A scrape target: its final labels (after relabelling; internal <c>__</c> labels such as <c>__address__</c> still present),
/// the labels discovery gave it, and its health as of the last scrape. Identity is the final label set's hash.
/// Health fields are written by the target's scrape loop and read by the API; they are published as one immutable record.
/// </summary>
public sealed class Target
{
    private volatile ScrapeReport _last = ScrapeReport.None;

    public Target(string scrapePool, Labels labels, Labels discoveredLabels, TimeSpan interval, TimeSpan timeout, Uri url)
    {
        ScrapePool = scrapePool;
        Labels = labels;
        DiscoveredLabels = discoveredLabels;
        Interval = interval;
        Timeout = timeout;
        PublicLabels = labels.ToBuilder().Keep(static n => !n.StartsWith("__", StringComparison.Ordinal)).Build();
        Url = url;
    }

    public string ScrapePool { get; }
    public Labels Labels { get; }
    public Labels DiscoveredLabels { get; }

    /// <summary>The labels attached to every sample of this target: <see cref="Labels"/> without the internal ones.</summary>
    public Labels PublicLabels { get; }

    public TimeSpan Interval { get; }
    public TimeSpan Timeout { get; }
    public Uri Url { get; }
    public ulong Hash => Labels.Hash;

    public ScrapeReport LastReport => _last;

    /// <summary>HELP/TYPE/UNIT this target exposed, kept by its scrape loop.</summary>
    public TargetMetadata Metadata { get; } = new();
    internal void Report(ScrapeReport r) => _last = r;

    /// <summary>
    /// A stable offset within the interval so that targets' scrapes are spread evenly rather than bunched, and each target
    /// keeps its phase across restarts and reloads (Prometheus's Target.offset does the same with a per-server seed).
    /// </summary>
    public TimeSpan Offset(TimeSpan interval, ulong seed)
    {
        long ticks = interval.Ticks;
        if (ticks <= 0) return TimeSpan.Zero;
        return TimeSpan.FromTicks((long)((Hash ^ seed) % (ulong)ticks));
    }

    /// <summary>Time from <paramref name="now"/> until this target's next scrape phase.</summary>
    public TimeSpan DelayUntilPhase(DateTimeOffset now, TimeSpan interval, ulong seed)
    {
        long ticks = interval.Ticks;
        long offset = Offset(interval, seed).Ticks;
        long intoCycle = (now.UtcTicks - offset) % ticks;
        if (intoCycle < 0) intoCycle += ticks;
        return TimeSpan.FromTicks(intoCycle == 0 ? 0 : ticks - intoCycle);
    }

    public override string ToString() => Url.ToString();
}
