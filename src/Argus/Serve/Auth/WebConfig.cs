namespace Argus.Serve.Auth;

/// <summary>
/// Prometheus's web configuration file (<c>--web.config.file</c>, exporter-toolkit's format): TLS, extra response headers,
/// HTTP/2 and bcrypt basic-auth users. Loaded by <see cref="WebConfigLoader"/>.
/// </summary>
public sealed record WebConfig
{
    /// <summary>The file it came from, for messages.</summary>
    public string File { get; init; } = "";
    public TlsServerConfig? Tls { get; init; }

    /// <summary>http_server_config.http2: exporter-toolkit's default is true.</summary>
    public bool Http2 { get; init; } = true;

    /// <summary>http_server_config.headers: added to every response.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>basic_auth_users: user name → bcrypt hash.</summary>
    public IReadOnlyDictionary<string, string> BasicAuthUsers { get; init; } = new Dictionary<string, string>();
}
