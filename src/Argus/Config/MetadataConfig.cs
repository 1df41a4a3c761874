using YamlDotNet.Serialization;

namespace Argus.Config;

/// <summary>Remote-write metadata sending; defaults are Prometheus 3.x's.</summary>
public sealed record MetadataConfig
{
    [YamlMember(DefaultValuesHandling = DefaultValuesHandling.Preserve)] // true by default: a false must be echoed
    public bool Send { get; init; } = true;
    public TimeSpan SendInterval { get; init; } = TimeSpan.FromMinutes(1);
    public int MaxSamplesPerSend { get; init; } = 2_000;
}
