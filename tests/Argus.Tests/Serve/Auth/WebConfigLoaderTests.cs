using Argus.Serve.Auth;

namespace Argus.Tests.Serve.Auth;

public sealed class WebConfigLoaderTests
{
    private const string Hash = "$2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG";

    [Fact]
    public void Parse_BasicAuthAndHeaders()
    {
        var c = WebConfigLoader.Parse($"""
            http_server_config:
              http2: false
              headers:
                Strict-Transport-Security: max-age=31536000
                X-Frame-Options: sameorigin
            basic_auth_users:
              alice: {Hash}
            """, "web.yml", "/etc/argus");
        Assert.Null(c.Tls);
        Assert.False(c.Http2);
        Assert.Equal("max-age=31536000", c.Headers["Strict-Transport-Security"]);
        Assert.Equal(Hash, c.BasicAuthUsers["alice"]);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("tls_server_config: {}\n", 0)]
    public void Parse_EmptyOrNoTls_IsPlainHttp(string yaml, int users)
    {
        var c = WebConfigLoader.Parse(yaml, "web.yml", ".");
        Assert.Null(c.Tls);
        Assert.Equal(users, c.BasicAuthUsers.Count);
    }

    public static TheoryData<string, string> BadConfigs => new()
    {
        { "basic_auth_users:\n  alice: plaintext\n", "web.yml:2:10: password of user \"alice\" is not a bcrypt hash ($2a$, $2b$ or $2y$, 60 characters)" },
        { "basic_auth_user:\n  alice: x\n", "web.yml:1:1: field basic_auth_user not found in web config (tls_server_config, http_server_config, basic_auth_users)" },
        { "tls_server_config:\n  cert_file: a.crt\n", "web.yml:2:3: missing key_file" },
        { "tls_server_config:\n  cert_file: a.crt\n  key_file: a.key\n  min_version: TLS14\n", "web.yml:4:16: unknown TLS version: TLS14 (TLS10, TLS11, TLS12 or TLS13)" },
        { "tls_server_config:\n  client_auth_type: Sometimes\n", "web.yml:2:21: invalid client_auth_type \"Sometimes\" (one of NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert)" },
        { "tls_server_config:\n  cipher_suites: [TLS_FOO]\n", "web.yml:2:19: unknown cipher suite \"TLS_FOO\"" },
        { "tls_server_config:\n  curve_preferences: [X25519]\n", "web.yml:2:3: curve_preferences is not supported by Argus (see docs/security.md)" },
        { "http_server_config:\n  headers:\n    Set-Cookie: a=b\n", "web.yml:3:5: header \"Set-Cookie\" may not be set (allowed: Strict-Transport-Security, X-Content-Type-Options, X-Frame-Options, X-XSS-Protection, Content-Security-Policy)" },
        { "http_server_config:\n  headers:\n    X-Content-Type-Options: sniff\n", "web.yml:3:29: X-Content-Type-Options must be \"nosniff\", got \"sniff\"" },
        { "http_server_config:\n  http2: maybe\n", "web.yml:2:10: http2 must be true or false, got \"maybe\"" },
        { "basic_auth_users: [a]\n", "web.yml:1:19: basic_auth_users must be a mapping" },
        { "basic_auth_users:\n  a: x\n  a: y\n", "web.yml:" },
        { "a: [\n", "web.yml:" },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void Parse_Bad_ErrorNamesFileLineColumn(string yaml, string expected)
    {
        var e = Assert.Throws<WebConfigException>(() => WebConfigLoader.Parse(yaml, "web.yml", "."));
        Assert.StartsWith(expected, e.Errors[0]);
        Assert.DoesNotContain("plaintext", e.Message);
    }

    [Fact]
    public void Parse_TlsWithUnreadableCertificate_NamesTheResolvedPath()
    {
        var e = Assert.Throws<WebConfigException>(() => WebConfigLoader.Parse("tls_server_config:\n  cert_file: a.crt\n  key_file: /abs/a.key\n", "web.yml", "/nonexistent"));
        Assert.Contains("cannot load certificate \"/nonexistent/a.crt\" with key \"/abs/a.key\"", Assert.Single(e.Errors));
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var e = Assert.Throws<WebConfigException>(() => WebConfigLoader.Load("/nonexistent/web.yml"));
        Assert.StartsWith("/nonexistent/web.yml: cannot read", Assert.Single(e.Errors));
    }
}
