namespace Argus.Config;

/// <summary>TLS client settings (common/config TLSConfig). Inline PEM (<c>ca</c>, <c>cert</c>, <c>key</c>) or files, not both.</summary>
public sealed record TlsConfig
{
    public string? Ca { get; init; }
    public string? CaFile { get; init; }
    public string? Cert { get; init; }
    public string? CertFile { get; init; }
    public Secret? Key { get; init; }
    public string? KeyFile { get; init; }
    public string? ServerName { get; init; }
    public bool InsecureSkipVerify { get; init; }

    /// <summary><c>TLS10</c>, <c>TLS11</c>, <c>TLS12</c> or <c>TLS13</c>; null leaves the platform default.</summary>
    public string? MinVersion { get; init; }
    public string? MaxVersion { get; init; }
}
