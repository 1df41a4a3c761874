using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Argus.Config;
using Argus.Config.Http;
using Argus.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Argus.Tests.Config.Http;

/// <summary>The scrape client's authentication and TLS options against a real local HTTPS server.</summary>
[Trait("Category", "Integration")]
public sealed class HttpClientBuilderTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-http-").FullName;
    private WebApplication? _app;
    private int _port;
    private string? _lastAuthorization;

    public async Task InitializeAsync()
    {
        // A CA and a server certificate for "argus.test" signed by it.
        using var caKey = RSA.Create(2048);
        var caReq = new CertificateRequest("CN=Argus Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caReq.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        using var key = RSA.Create(2048);
        var req = new CertificateRequest("CN=argus.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("argus.test");
        req.CertificateExtensions.Add(san.Build());
        using var leafPublic = req.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), [1, 2, 3, 4]);
        var leaf = X509CertificateLoader.LoadPkcs12(leafPublic.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
        await File.WriteAllTextAsync(Path.Combine(_dir, "ca.pem"), ca.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(_dir, "token"), "file-token\n");

        _port = PeerProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, _port, o => o.UseHttps(leaf)));
        _app = builder.Build();
        _app.MapGet("/metrics", (HttpContext ctx) =>
        {
            _lastAuthorization = ctx.Request.Headers.Authorization.ToString();
            return Results.Text("up_total 1\n");
        });
        await _app.StartAsync();
    }

    private sealed record TestConfig : HttpClientConfig;

    private async Task<HttpResponseMessage> Get(HttpClientConfig config)
    {
        using var client = HttpClientBuilder.Build(config, _dir, TimeSpan.FromSeconds(5));
        return await client.GetAsync($"https://127.0.0.1:{_port}/metrics");
    }

    [Fact]
    public async Task CaFileAndServerNameVerifyTheServer()
    {
        var ok = await Get(new TestConfig { TlsConfig = new TlsConfig { CaFile = "ca.pem", ServerName = "argus.test" } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task UnknownCaOrWrongNameIsRejectedUnlessInsecure()
    {
        await Assert.ThrowsAsync<HttpRequestException>(() => Get(new TestConfig()));
        await Assert.ThrowsAsync<HttpRequestException>(() => Get(new TestConfig { TlsConfig = new TlsConfig { CaFile = "ca.pem", ServerName = "other.test" } }));
        var insecure = await Get(new TestConfig { TlsConfig = new TlsConfig { InsecureSkipVerify = true } });
        Assert.Equal(HttpStatusCode.OK, insecure.StatusCode);
    }

    [Fact]
    public async Task BasicAuthAuthorizationAndBearerTokenFile()
    {
        var tls = new TlsConfig { CaFile = "ca.pem", ServerName = "argus.test" };
        await Get(new TestConfig { TlsConfig = tls, BasicAuth = new BasicAuth { Username = "u", Password = new Secret("p") } });
        Assert.Equal("Basic dTpw", _lastAuthorization);

        await Get(new TestConfig { TlsConfig = tls, Authorization = new Argus.Config.Authorization { Credentials = new Secret("abc") } });
        Assert.Equal("Bearer abc", _lastAuthorization);

        await Get(new TestConfig { TlsConfig = tls, BearerTokenFile = "token" });
        Assert.Equal("Bearer file-token", _lastAuthorization);

        // A rotated token file is read again on the next request.
        await File.WriteAllTextAsync(Path.Combine(_dir, "token"), "rotated");
        await Get(new TestConfig { TlsConfig = tls, BearerTokenFile = "token" });
        Assert.Equal("Bearer rotated", _lastAuthorization);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
