using Argus.Model;
using YamlDotNet.Serialization;

namespace Argus.Config;

/// <summary>The <c>global</c> section: defaults inherited by every scrape config and rule group, and the external labels.</summary>
public sealed record GlobalConfig
{
    public static readonly TimeSpan DefaultScrapeInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultScrapeTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultEvaluationInterval = TimeSpan.FromMinutes(1);

    public TimeSpan ScrapeInterval { get; init; }
    public TimeSpan ScrapeTimeout { get; init; }
    public IReadOnlyList<string> ScrapeProtocols { get; init; } = [];
    public TimeSpan EvaluationInterval { get; init; }
    public TimeSpan RuleQueryOffset { get; init; }
    public string? QueryLogFile { get; init; }
    public string? ScrapeFailureLogFile { get; init; }

    /// <summary>Added to alerts, remote write and federation; never stored locally. Sorted by name after loading.</summary>
    public IReadOnlyDictionary<string, string> ExternalLabels { get; init; } = new Dictionary<string, string>();

    public ByteSize BodySizeLimit { get; init; }
    public uint SampleLimit { get; init; }
    public uint TargetLimit { get; init; }
    public uint LabelLimit { get; init; }
    public uint LabelNameLengthLimit { get; init; }
    public uint LabelValueLengthLimit { get; init; }
    public uint KeepDroppedTargets { get; init; }

    /// <summary>The external labels as a label set.</summary>
    [YamlIgnore]
    public Labels ExternalLabelSet => Labels.FromDictionary(ExternalLabels);
}
