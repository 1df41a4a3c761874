namespace Argus.Collect.Discovery;

/// <summary>The reserved label names of target building (prometheus/common model/labels.go).</summary>
public static class TargetLabelNames
{
    public const string Address = "__address__";
    public const string Scheme = "__scheme__";
    public const string MetricsPath = "__metrics_path__";
    public const string ScrapeInterval = "__scrape_interval__";
    public const string ScrapeTimeout = "__scrape_timeout__";
    public const string ParamPrefix = "__param_";
    public const string MetaPrefix = "__meta_";
    public const string TmpPrefix = "__tmp";
    public const string ReservedPrefix = "__";
    public const string Job = "job";
    public const string Instance = "instance";
    public const string FilePath = "__meta_filepath";
}
