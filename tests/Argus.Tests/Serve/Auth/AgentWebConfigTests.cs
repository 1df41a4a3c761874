using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Argus.Tests.Testing;

namespace Argus.Tests.Serve.Auth;

/// <summary>
/// <c>argus agent --web.config.file</c>, the real executable: TLS with a certificate made here (the client checks it is the
/// one served), basic authentication on /metrics and the probes with wrong and right credentials, client certificates,
/// configured headers, and a bad file stopping the start with its position.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AgentWebConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-agent-web-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static X509Certificate2 Certificate(string cn, X509Certificate2? issuer = null, bool ca = false, bool client = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest($"CN={cn}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        req.CertificateExtensions.Add(san.Build());
        if (ca) req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        if (client) req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (issuer is null) return req.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // A certificate may not outlive its issuer.
        using var cert = req.Create(issuer, DateTimeOffset.UtcNow.AddMinutes(-5), issuer.NotAfter.AddHours(-1), [5, 6, 7, 8]);
        return cert.CopyWithPrivateKey(key);
    }

    private string WritePem(X509Certificate2 cert, string name)
    {
        File.WriteAllText(Path.Combine(_dir, name + ".crt"), cert.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_dir, name + ".key"), cert.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return Path.Combine(_dir, name + ".crt");
    }

    private static HttpClient TlsClient(int port, X509Certificate2 expectedServer, X509Certificate2? clientCert = null)
    {
        var handler = new HttpClientHandler
        {
            // Trust exactly the certificate made for this test, nothing else.
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cert.RawData.AsSpan().SequenceEqual(expectedServer.RawData),
        };
        if (clientCert is not null) handler.ClientCertificates.Add(clientCert);
        // 30 s: the suite runs beside builds on 2 cores, where a first TLS handshake plus a host collection can be slow.
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private async Task<(ArgusProcess Agent, int Port)> StartAgentAsync(string webConfigYaml)
    {
        string file = Path.Combine(_dir, "web.yml");
        await File.WriteAllTextAsync(file, webConfigYaml);
        int port = PeerProcess.FreePort();
        var agent = ArgusProcess.Start("agent", $"--web.listen-address=127.0.0.1:{port}", "--web.config.file=" + file);
        return (agent, port);
    }

    private static async Task WaitListeningAsync(ArgusProcess agent, int port)
    {
        await Poll.UntilAsync(() =>
        {
            try
            {
                using var tcp = new System.Net.Sockets.TcpClient();
                tcp.Connect(IPAddress.Loopback, port);
                return Task.FromResult(true);
            }
            catch (System.Net.Sockets.SocketException)
            {
                return Task.FromResult(false);
            }
        }, TimeSpan.FromSeconds(60), () => agent.HasExited ? "agent exited:\n" + agent.Output : null);
    }

    [Fact]
    public async Task Agent_TlsAndBasicAuth_RefusesWrongCredentials_ServesRightOnes()
    {
        using var server = Certificate("argus-agent");
        WritePem(server, "server");
        var (agent, port) = await StartAgentAsync($"""
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
            http_server_config:
              headers:
                Strict-Transport-Security: max-age=31536000
            basic_auth_users:
              prometheus: {BCrypt.Net.BCrypt.HashPassword("scrape-pw", 4)}
            """);
        await using var _ = agent;
        await WaitListeningAsync(agent, port);
        using var https = TlsClient(port, server);

        foreach (var (path, auth) in new (string, AuthenticationHeaderValue?)[]
                 {
                     ("/metrics", null), ("/metrics", Basic("prometheus", "wrong")), ("/metrics", Basic("nobody", "scrape-pw")),
                     ("/metrics", new AuthenticationHeaderValue("Bearer", "scrape-pw")), ("/-/healthy", null),
                 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = auth;
            using var refused = await https.SendAsync(request);
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{path} with {auth?.Scheme ?? "nothing"} → {(int)refused.StatusCode}");
            Assert.Equal("Basic", refused.Headers.WwwAuthenticate.Single().Scheme);
            Assert.DoesNotContain("node_", await refused.Content.ReadAsStringAsync());
        }

        using var ok = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        ok.Headers.Authorization = Basic("prometheus", "scrape-pw");
        using var served = await https.SendAsync(ok);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("node_", await served.Content.ReadAsStringAsync());
        Assert.Equal("max-age=31536000", served.Headers.GetValues("Strict-Transport-Security").Single());

        // Plain HTTP to the TLS port gets no metrics.
        using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        bool plainServed;
        try
        {
            using var r = await plain.GetAsync("/metrics");
            plainServed = r.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            plainServed = false;
        }
        Assert.False(plainServed, "plain HTTP must not be served on the TLS port");

        // A client that does not trust the certificate (the system store) refuses the connection.
        using var untrusting = new HttpClient { BaseAddress = new Uri($"https://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync("/metrics"));
    }

    [Fact]
    public async Task Agent_ClientCertificates_RequiredAndVerifiedAgainstTheClientCa()
    {
        using var server = Certificate("argus-agent");
        WritePem(server, "server");
        using var ca = Certificate("scrapers-ca", ca: true);
        WritePem(ca, "ca");
        using var scraper = Certificate("prometheus", issuer: ca, client: true);
        using var otherCa = Certificate("other-ca", ca: true);
        using var stranger = Certificate("stranger", issuer: otherCa, client: true);
        var (agent, port) = await StartAgentAsync("""
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ca.crt
            """);
        await using var _ = agent;
        await WaitListeningAsync(agent, port);

        using (var none = TlsClient(port, server)) await Assert.ThrowsAsync<HttpRequestException>(() => none.GetAsync("/metrics"));
        using (var wrong = TlsClient(port, server, stranger)) await Assert.ThrowsAsync<HttpRequestException>(() => wrong.GetAsync("/metrics"));
        using var right = TlsClient(port, server, scraper);
        using var r = await right.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);   // no basic_auth_users: the certificate is the credential
        Assert.Contains("node_", await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Agent_WithoutWebConfig_StaysOpen_AndABadFileStopsTheStart()
    {
        var (exit, output) = await ArgusProcess.RunAsync("agent", $"--web.listen-address=127.0.0.1:{PeerProcess.FreePort()}",
            "--web.config.file=" + await WriteAsync("bad.yml", "basic_auth_users:\n  prometheus: not-a-hash\n"));
        Assert.Equal(1, exit);
        Assert.Contains("bad.yml:2:15: password of user \"prometheus\" is not a bcrypt hash", output);
        Assert.DoesNotContain("not-a-hash", output);

        int port = PeerProcess.FreePort();
        await using var open = ArgusProcess.Start("agent", $"--web.listen-address=127.0.0.1:{port}");
        await WaitListeningAsync(open, port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        using var r = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    private async Task<string> WriteAsync(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }
}
