using System.Net.Security;
using System.Security.Authentication;

namespace Argus.Serve.Auth;

/// <summary>
/// The web config's tls_server_config (Prometheus exporter-toolkit's TLSConfig), validated; relative paths are already
/// resolved against the web config file's directory.
/// </summary>
public sealed record TlsServerConfig
{
    public required string CertFile { get; init; }
    public required string KeyFile { get; init; }

    /// <summary>Go's names: NoClientCert (default), RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert.</summary>
    public string ClientAuthType { get; init; } = "NoClientCert";
    public string? ClientCaFile { get; init; }

    /// <summary>TLS10 … TLS13; exporter-toolkit's default minimum is TLS12.</summary>
    public SslProtocols MinVersion { get; init; } = SslProtocols.Tls12;
    public SslProtocols MaxVersion { get; init; } = SslProtocols.Tls13;

    /// <summary>Go's cipher suite names (IANA names, as .NET's TlsCipherSuite spells them); empty = the platform's defaults.</summary>
    public IReadOnlyList<TlsCipherSuite> CipherSuites { get; init; } = [];

    /// <summary>The protocols from <see cref="MinVersion"/> to <see cref="MaxVersion"/>.</summary>
    public SslProtocols Protocols
    {
        get
        {
            SslProtocols all = SslProtocols.None;
#pragma warning disable SYSLIB0039 // TLS 1.0/1.1 only when the operator asks for them, as Prometheus allows.
            foreach (var p in new[] { SslProtocols.Tls, SslProtocols.Tls11, SslProtocols.Tls12, SslProtocols.Tls13 })
#pragma warning restore SYSLIB0039
            {
                if (p >= MinVersion && p <= MaxVersion) all |= p;
            }
            return all;
        }
    }

    public bool VerifiesClients => ClientAuthType is "VerifyClientCertIfGiven" or "RequireAndVerifyClientCert";
    public bool RequiresClientCert => ClientAuthType is "RequireAnyClientCert" or "RequireAndVerifyClientCert";
}
