namespace Argus.Config;

/// <summary>The <c>storage</c> section.</summary>
public sealed record StorageConfig
{
    public TsdbConfig? Tsdb { get; init; }
    public ExemplarsConfig? Exemplars { get; init; }
}
