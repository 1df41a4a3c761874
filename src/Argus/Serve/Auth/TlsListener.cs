using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Argus.Serve.Auth;

/// <summary>Applies a <see cref="TlsServerConfig"/> to a Kestrel listener: certificate (reloaded), protocols, ciphers, client certificates.</summary>
public static class TlsListener
{
    public static void Configure(ListenOptions listen, TlsServerConfig tls, bool http2, TimeProvider time, ILogger logger)
    {
        listen.Protocols = http2 ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
        var certificate = new CertificateReloader(tls.CertFile, tls.KeyFile, time, logger);
        X509Certificate2Collection? clientCas = null;
        if (tls.ClientCaFile is not null)
        {
            clientCas = [];
            clientCas.ImportFromPemFile(tls.ClientCaFile);
        }
        var options = new HttpsConnectionAdapterOptions
        {
            ServerCertificateSelector = (_, _) => certificate.Current,
            SslProtocols = tls.Protocols,
            ClientCertificateMode = tls.ClientAuthType switch
            {
                "RequestClientCert" or "VerifyClientCertIfGiven" => ClientCertificateMode.AllowCertificate,
                "RequireAnyClientCert" or "RequireAndVerifyClientCert" => ClientCertificateMode.RequireCertificate,
                _ => ClientCertificateMode.NoCertificate,
            },
            ClientCertificateValidation = (cert, _, _) => !tls.VerifiesClients || VerifyClient(cert, clientCas!),
            CheckCertificateRevocation = false,
        };
        if (tls.CipherSuites.Count > 0 && (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            // Go applies cipher_suites to TLS 1.2 and below only; TLS 1.3's suites stay available, as there.
            var suites = tls.CipherSuites.ToList();
            if (tls.Protocols.HasFlag(System.Security.Authentication.SslProtocols.Tls13))
            {
                suites.AddRange([TlsCipherSuite.TLS_AES_128_GCM_SHA256, TlsCipherSuite.TLS_AES_256_GCM_SHA384, TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256]);
            }
            var policy = new CipherSuitesPolicy(suites.Distinct());
            options.OnAuthenticate = (_, ssl) => ssl.CipherSuitesPolicy = policy;
        }
        listen.UseHttps(options);
    }

    /// <summary>Whether the client's certificate chains to one of the configured client CAs (and only to them).</summary>
    public static bool VerifyClient(X509Certificate2 cert, X509Certificate2Collection cas)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(cas);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")); // clientAuth EKU
        return chain.Build(cert);
    }
}
