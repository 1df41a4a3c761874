using Argus.Config;

namespace Argus.Collect.Scrape;

/// <summary>The parts of a scrape config a loop needs; built once per (re)load from the validated config.</summary>
public sealed record ScrapeLoopOptions
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    public bool HonorLabels { get; init; }
    public bool HonorTimestamps { get; init; } = true;
    public IReadOnlyList<RelabelConfig> MetricRelabelConfigs { get; init; } = [];
    public int SampleLimit { get; init; }
    public int LabelLimit { get; init; }
    public int LabelNameLengthLimit { get; init; }
    public int LabelValueLengthLimit { get; init; }

    public static ScrapeLoopOptions From(ScrapeConfig c) => new()
    {
        Interval = c.ScrapeInterval,
        Timeout = c.ScrapeTimeout,
        HonorLabels = c.HonorLabels,
        HonorTimestamps = c.HonorTimestamps,
        MetricRelabelConfigs = c.MetricRelabelConfigs,
        SampleLimit = (int)Math.Min(c.SampleLimit, int.MaxValue),
        LabelLimit = (int)Math.Min(c.LabelLimit, int.MaxValue),
        LabelNameLengthLimit = (int)Math.Min(c.LabelNameLengthLimit, int.MaxValue),
        LabelValueLengthLimit = (int)Math.Min(c.LabelValueLengthLimit, int.MaxValue),
    };
}
