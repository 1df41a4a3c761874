using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Argus.Serve.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Argus.Tests.Serve.Auth;

/// <summary>TLS from a Prometheus web config: certificates generated here with CertificateRequest, served by the real server.</summary>
[Trait("Category", "Integration")]
public sealed class TlsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-tls-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static X509Certificate2 SelfSigned(string cn, bool ca = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest($"CN={cn}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        req.CertificateExtensions.Add(san.Build());
        if (ca) req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return req.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 SignedBy(X509Certificate2 ca, string cn)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest($"CN={cn}", key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var cert = req.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), ca.NotAfter.AddHours(-1), [1, 2, 3, 4]); // within the CA's validity, whenever "now" is read
        return cert.CopyWithPrivateKey(key);
    }

    private void WritePem(X509Certificate2 cert, string name)
    {
        File.WriteAllText(Path.Combine(_dir, name + ".crt"), cert.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_dir, name + ".key"), cert.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    private string TlsConfig(string extra = "") => $"""
        tls_server_config:
          cert_file: {Path.Combine(_dir, "server.crt")}
          key_file: {Path.Combine(_dir, "server.key")}
        {extra}
        basic_auth_users:
          grafana: {BCrypt.Net.BCrypt.HashPassword("grafana-pw", 4)}
        """;

    private static HttpClient Client(string baseUrl, Action<X509Certificate2> seen, X509Certificate2? clientCert = null)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                seen(new X509Certificate2(cert!));
                return true;
            },
        };
        if (clientCert is not null) handler.ClientCertificates.Add(clientCert);
        return new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
    }

    [Fact]
    public async Task WebConfigTls_ServesTheCertificate_AuthStillApplies_CookiesAreSecure()
    {
        using var cert = SelfSigned("argus-test");
        WritePem(cert, "server");
        X509Certificate2? seen = null;
        await using var server = await AuthTestServer.StartAsync(TlsConfig(), handler: _ => new HttpClientHandler
        {
            AllowAutoRedirect = false, UseCookies = false,
            ServerCertificateCustomValidationCallback = (_, c, _, _) => { seen = new X509Certificate2(c!); return true; },
        });
        Assert.StartsWith("https://", server.BaseUrl);
        using (var healthy = await server.Http.GetAsync("/-/healthy")) Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(cert.Thumbprint, seen!.Thumbprint);
        using (var anonymous = await server.Http.GetAsync("/api/v1/query?query=1")) Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var req = new HttpRequestMessage(HttpMethod.Get, "/api/v1/query?query=1"))
        {
            req.Headers.Authorization = AuthTestServer.Basic("grafana", "grafana-pw");
            using var ok = await server.Http.SendAsync(req);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var form = await server.Http.GetAsync("/login");
        Assert.Contains("secure", AuthTestServer.SetCookieHeader(form, AuthEndpoints.LoginCsrfCookie)!, StringComparison.OrdinalIgnoreCase);
        var (cookie, _) = await server.SignInAsync("admin", "admin-pw");
        Assert.NotEmpty(cookie);

        // Plain HTTP to the TLS port gets no HTTP answer.
        using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync($"http://127.0.0.1:{server.Port}/-/healthy"));
    }

    [Fact]
    public async Task WebConfigTls_CertificateFilesChange_NewConnectionsGetTheNewCertificate()
    {
        using var first = SelfSigned("first");
        using var second = SelfSigned("second");
        WritePem(first, "server");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await AuthTestServer.StartAsync(TlsConfig(), time);
        async Task<string> SubjectAsync()
        {
            X509Certificate2? seen = null;
            using var http = Client(server.BaseUrl, c => seen = c);
            using var r = await http.GetAsync("/-/healthy");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return seen!.Subject;
        }
        Assert.Equal("CN=first", await SubjectAsync());
        WritePem(second, "server");
        File.SetLastWriteTimeUtc(Path.Combine(_dir, "server.crt"), DateTime.UtcNow.AddSeconds(5));
        Assert.Equal("CN=first", await SubjectAsync()); // checked at most every RecheckInterval
        time.Advance(CertificateReloader.RecheckInterval);
        Assert.Equal("CN=second", await SubjectAsync());
    }

    [Fact]
    public async Task WebConfigTls_RequireAndVerifyClientCert_RefusesStrangers()
    {
        using var server = SelfSigned("server");
        WritePem(server, "server");
        using var ca = SelfSigned("client-ca", ca: true);
        File.WriteAllText(Path.Combine(_dir, "ca.crt"), ca.ExportCertificatePem());
        using var trusted = SignedBy(ca, "trusted");
        using var stranger = SignedBy(SelfSigned("other-ca", ca: true), "stranger");
        string extra = $"  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: {Path.Combine(_dir, "ca.crt")}\n  min_version: TLS12\n";
        await using var argus = await AuthTestServer.StartAsync(TlsConfig().Replace("\nbasic_auth_users", extra + "basic_auth_users", StringComparison.Ordinal));
        using (var ok = Client(argus.BaseUrl, _ => { }, trusted))
        {
            using var r = await ok.GetAsync("/-/healthy");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        using (var none = Client(argus.BaseUrl, _ => { }))
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => none.GetAsync("/-/healthy"));
        }
        using (var bad = Client(argus.BaseUrl, _ => { }, stranger))
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => bad.GetAsync("/-/healthy"));
        }
    }
}
