namespace Argus.Config;

/// <summary>File-based service discovery: JSON or YAML files (the last path element may hold one <c>*</c>), re-read on change
/// and every <see cref="RefreshInterval"/>.</summary>
public sealed record FileSdConfig
{
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMinutes(5);

    public IReadOnlyList<string> Files { get; init; } = [];
    public TimeSpan RefreshInterval { get; init; } = DefaultRefreshInterval;
}
