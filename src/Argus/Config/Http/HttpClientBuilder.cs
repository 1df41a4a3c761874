using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Argus.Config.Http;

/// <summary>
/// Builds HTTP clients from the <c>http_client_config</c> part of a scrape (or remote-write, alerting) config, as
/// prometheus/common/config does: TLS with a custom CA, client certificate, server name and insecure_skip_verify; proxy;
/// redirects; and per-request authentication where file-based credentials are re-read on every request (so rotated
/// service-account tokens are picked up).
/// </summary>
public static class HttpClientBuilder
{
    public static HttpClient Build(HttpClientConfig config, string configDirectory, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = config.FollowRedirects,
            AutomaticDecompression = DecompressionMethods.None, // the scrape loop inflates gzip itself, under body_size_limit
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            UseProxy = config.ProxyUrl is not null || config.ProxyFromEnvironment,
        };
        if (config.ProxyUrl is not null)
        {
            var proxy = new WebProxy(new Uri(config.ProxyUrl));
            if (config.NoProxy is not null) proxy.BypassList = config.NoProxy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            handler.Proxy = proxy;
        }
        if (config.TlsConfig is { } tls)
        {
            handler.SslOptions = BuildTls(tls, configDirectory);
        }
        var client = new HttpClient(new AuthHandler(config, configDirectory) { InnerHandler = handler })
        {
            Timeout = timeout ?? Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = config.EnableHttp2 ? HttpVersion.Version20 : HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        if (config.HttpHeaders is not null)
        {
            foreach (var (name, header) in config.HttpHeaders)
            {
                var values = header.Values.Concat(header.Secrets.Select(x => x.Reveal()))
                    .Concat(header.Files.Select(f => File.ReadAllText(Resolve(configDirectory, f)).Trim()));
                foreach (var v in values) client.DefaultRequestHeaders.TryAddWithoutValidation(name, v);
            }
        }
        return client;
    }

    internal static SslClientAuthenticationOptions BuildTls(TlsConfig tls, string dir)
    {
        var options = new SslClientAuthenticationOptions { TargetHost = tls.ServerName };
        options.EnabledSslProtocols = tls.MinVersion switch
        {
            "TLS13" => SslProtocols.Tls13,
            _ => SslProtocols.Tls12 | SslProtocols.Tls13,
        };
        X509Certificate2Collection? roots = null;
        if (tls.CaFile is not null) roots = LoadPem(File.ReadAllText(Resolve(dir, tls.CaFile)));
        else if (tls.Ca is not null) roots = LoadPem(tls.Ca);

        string? certPem = tls.CertFile is not null ? File.ReadAllText(Resolve(dir, tls.CertFile)) : tls.Cert;
        string? keyPem = tls.KeyFile is not null ? File.ReadAllText(Resolve(dir, tls.KeyFile)) : tls.Key?.Reveal();
        if (certPem is not null && keyPem is not null)
        {
            options.ClientCertificates = [X509Certificate2.CreateFromPem(certPem, keyPem)];
        }
        options.RemoteCertificateValidationCallback = (_, cert, _, errors) =>
        {
            if (tls.InsecureSkipVerify) return true;
            if (cert is null) return false;
            using var leaf = new X509Certificate2(cert);
            // The handler checks the name against the URL's host; with server_name the certificate must match that
            // name instead, as Go's tls.Config.ServerName does.
            if (tls.ServerName is not null)
            {
                errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
                if (!leaf.MatchesHostname(tls.ServerName)) return false;
            }
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
            if (errors == SslPolicyErrors.None) return true;
            if (roots is null) return false;
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(roots);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return custom.Build(leaf);
        };
        return options;
    }

    private static X509Certificate2Collection LoadPem(string pem)
    {
        var c = new X509Certificate2Collection();
        c.ImportFromPem(pem);
        return c;
    }

    internal static string Resolve(string dir, string path) => Path.IsPathRooted(path) ? path : Path.Combine(dir, path);

    /// <summary>Adds the Authorization header per request, re-reading credential files each time.</summary>
    private sealed class AuthHandler(HttpClientConfig config, string dir) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (request.Headers.Authorization is null)
            {
                request.Headers.Authorization = Header();
            }
            return base.SendAsync(request, ct);
        }

        private AuthenticationHeaderValue? Header()
        {
            if (config.BasicAuth is { } basic)
            {
                string user = basic.UsernameFile is not null ? File.ReadAllText(Resolve(dir, basic.UsernameFile)).Trim() : basic.Username ?? "";
                string pass = basic.PasswordFile is not null ? File.ReadAllText(Resolve(dir, basic.PasswordFile)).Trim() : basic.Password?.Reveal() ?? "";
                return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user + ":" + pass)));
            }
            if (config.Authorization is { } auth)
            {
                string creds = auth.CredentialsFile is not null ? File.ReadAllText(Resolve(dir, auth.CredentialsFile)).Trim() : auth.Credentials?.Reveal() ?? "";
                return new AuthenticationHeaderValue(auth.Type ?? Authorization.DefaultType, creds);
            }
            if (config.BearerTokenFile is not null)
            {
                return new AuthenticationHeaderValue("Bearer", File.ReadAllText(Resolve(dir, config.BearerTokenFile)).Trim());
            }
            if (config.BearerToken is not null)
            {
                return new AuthenticationHeaderValue("Bearer", config.BearerToken.Reveal());
            }
            return null;
        }
    }
}
