using YamlDotNet.Serialization;

namespace Argus.Config;

/// <summary>One <c>remote_read</c> entry.</summary>
public sealed record RemoteReadConfig : HttpClientConfig
{
    public static readonly TimeSpan DefaultRemoteTimeout = TimeSpan.FromMinutes(1);

    public string Url { get; init => field = value ?? ""; } = ""; // YAML `key:` with no value is null; Go reads it as ""
    public string? Name { get; init; }
    public TimeSpan RemoteTimeout { get; init; } = DefaultRemoteTimeout;
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    public IReadOnlyDictionary<string, string>? RequiredMatchers { get; init; }
    public bool ReadRecent { get; init; }
    [YamlMember(DefaultValuesHandling = DefaultValuesHandling.Preserve)] // true by default: a false must be echoed
    public bool FilterExternalLabels { get; init; } = true;
}
