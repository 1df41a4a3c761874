namespace Argus.Config;

/// <summary>One <c>remote_write</c> entry. Headers may not override the protocol's own headers.</summary>
public sealed record RemoteWriteConfig : HttpClientConfig
{
    public static readonly TimeSpan DefaultRemoteTimeout = TimeSpan.FromSeconds(30);

    public string Url { get; init => field = value ?? ""; } = ""; // YAML `key:` with no value is null; Go reads it as ""
    public string? Name { get; init; }
    public TimeSpan RemoteTimeout { get; init; } = DefaultRemoteTimeout;
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    public IReadOnlyList<RelabelConfig> WriteRelabelConfigs { get; init; } = [];
    public bool SendExemplars { get; init; }
    public bool SendNativeHistograms { get; init; }
    public QueueConfig QueueConfig { get; init; } = new();
    public MetadataConfig MetadataConfig { get; init; } = new();
}
