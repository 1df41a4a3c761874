using YamlDotNet.Serialization;

namespace Argus.Config;

/// <summary>
/// The HTTP client settings Prometheus inlines (common/config HTTPClientConfig) into scrape, Alertmanager, remote write/read
/// and Kubernetes SD configs. After loading, <c>bearer_token</c>/<c>bearer_token_file</c> have been folded into
/// <see cref="Authorization"/> (type Bearer) and every <c>*_file</c> path is absolute.
/// </summary>
public abstract record HttpClientConfig
{
    public BasicAuth? BasicAuth { get; init; }
    public Authorization? Authorization { get; init; }

    /// <summary>Legacy 2.x spelling of <c>authorization: {credentials: …}</c>; empty after loading.</summary>
    public Secret? BearerToken { get; init; }

    /// <summary>Legacy 2.x spelling of <c>authorization: {credentials_file: …}</c>; empty after loading.</summary>
    public string? BearerTokenFile { get; init; }

    public TlsConfig? TlsConfig { get; init; }
    public string? ProxyUrl { get; init; }
    public string? NoProxy { get; init; }
    public bool ProxyFromEnvironment { get; init; }
    [YamlMember(DefaultValuesHandling = DefaultValuesHandling.Preserve)] // true by default: a false must be echoed
    public bool FollowRedirects { get; init; } = true;
    [YamlMember(DefaultValuesHandling = DefaultValuesHandling.Preserve)] // true by default: a false must be echoed
    public bool EnableHttp2 { get; init; } = true;

    /// <summary>Extra request headers (Prometheus 2.55+/3.x <c>http_headers</c>), by header name.</summary>
    public IReadOnlyDictionary<string, HttpHeaderConfig>? HttpHeaders { get; init; }
}
