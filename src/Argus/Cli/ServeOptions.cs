namespace Argus.Cli;

/// <summary>The server's settings from its command line; names follow Prometheus's flags.</summary>
public sealed record ServeOptions
{
    public string? ConfigFile { get; init; }
    public string StoragePath { get; init; } = "data";
    public TimeSpan RetentionTime { get; init; } = TimeSpan.FromDays(15);
    public long RetentionSizeBytes { get; init; }
    public string ListenAddress { get; init; } = "0.0.0.0:9090";
    public string LogLevel { get; init; } = "info";
    public string? ExternalUrl { get; init; }
    public bool EnableLifecycle { get; init; } = true;

    /// <summary>The flags as given or defaulted, rendered as strings for /api/v1/status/flags.</summary>
    public IReadOnlyDictionary<string, string> Flags { get; init; } = new Dictionary<string, string>();
}
