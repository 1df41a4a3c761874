using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Argus.Serve.Auth;

/// <summary>
/// Reads Prometheus's web config file strictly: unknown or duplicate keys, bad values, unreadable certificates and
/// non-bcrypt passwords are errors naming <c>file:line:column</c>. The representation model is walked directly rather than
/// deserialized, because the file is small and every error can then point at its own node. Relative paths resolve against
/// the file's directory, as exporter-toolkit's SetDirectory does.
/// </summary>
public static class WebConfigLoader
{
    private static readonly string[] s_clientAuthTypes =
        ["NoClientCert", "RequestClientCert", "RequireAnyClientCert", "VerifyClientCertIfGiven", "RequireAndVerifyClientCert"];

    /// <summary>exporter-toolkit's allow-list (web/tls_config.go extraHTTPHeaders).</summary>
    private static readonly string[] s_allowedHeaders =
        ["Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options", "X-XSS-Protection", "Content-Security-Policy"];

    public static WebConfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WebConfigException(path, [$"{path}: cannot read: {e.Message}"]);
        }
        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    public static WebConfig Parse(string yaml, string file, string directory)
    {
        var errors = new List<string>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new WebConfigException(file, [$"{file}:{e.Start.Line}:{e.Start.Column}: {Inner(e).Message}"]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new WebConfig { File = file };
        }
        string At(YamlNode n) => $"{file}:{n.Start.Line}:{n.Start.Column}";
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new WebConfigException(file, [$"{At(stream.Documents[0].RootNode)}: expected a mapping at the top level"]);
        }
        TlsServerConfig? tls = null;
        bool http2 = true;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in root.Children)
        {
            switch (Key(k))
            {
                case "tls_server_config":
                    tls = ParseTls(Mapping(v, "tls_server_config", errors, At), directory, errors, At);
                    break;
                case "http_server_config":
                    foreach (var (hk, hv) in Mapping(v, "http_server_config", errors, At).Children)
                    {
                        switch (Key(hk))
                        {
                            case "http2":
                                http2 = Bool(hv, "http2", errors, At);
                                break;
                            case "headers":
                                foreach (var (name, value) in Mapping(hv, "headers", errors, At).Children)
                                {
                                    string n = Key(name), val = Scalar(value, n, errors, At);
                                    if (!s_allowedHeaders.Contains(n, StringComparer.OrdinalIgnoreCase))
                                        errors.Add($"{At(name)}: header \"{n}\" may not be set (allowed: {string.Join(", ", s_allowedHeaders)})");
                                    else if (n.Equals("X-Content-Type-Options", StringComparison.OrdinalIgnoreCase) && !val.Equals("nosniff", StringComparison.OrdinalIgnoreCase))
                                        errors.Add($"{At(value)}: X-Content-Type-Options must be \"nosniff\", got \"{val}\"");
                                    else if (n.Equals("X-Frame-Options", StringComparison.OrdinalIgnoreCase) && !val.Equals("deny", StringComparison.OrdinalIgnoreCase) && !val.Equals("sameorigin", StringComparison.OrdinalIgnoreCase))
                                        errors.Add($"{At(value)}: X-Frame-Options must be \"deny\" or \"sameorigin\", got \"{val}\"");
                                    else headers[n] = val;
                                }
                                break;
                            default:
                                errors.Add($"{At(hk)}: field {Key(hk)} not found in http_server_config");
                                break;
                        }
                    }
                    break;
                case "basic_auth_users":
                    foreach (var (user, hash) in Mapping(v, "basic_auth_users", errors, At).Children)
                    {
                        string h = Scalar(hash, Key(user), errors, At);
                        // Never quote the hash: it is a secret too (offline cracking).
                        if (!IsBcrypt(h)) errors.Add($"{At(hash)}: password of user \"{Key(user)}\" is not a bcrypt hash ($2a$, $2b$ or $2y$, 60 characters)");
                        else users[Key(user)] = h;
                    }
                    break;
                default:
                    errors.Add($"{At(k)}: field {Key(k)} not found in web config (tls_server_config, http_server_config, basic_auth_users)");
                    break;
            }
        }
        if (errors.Count > 0) throw new WebConfigException(file, errors);
        return new WebConfig { File = file, Tls = tls, Http2 = http2, Headers = headers, BasicAuthUsers = users };
    }

    private static TlsServerConfig? ParseTls(YamlMappingNode m, string directory, List<string> errors, Func<YamlNode, string> at)
    {
        string? cert = null, key = null, clientCa = null, clientAuth = null;
        SslProtocols min = SslProtocols.Tls12, max = SslProtocols.Tls13;
        var suites = new List<TlsCipherSuite>();
        foreach (var (k, v) in m.Children)
        {
            string name = Key(k);
            switch (name)
            {
                case "cert_file": cert = Resolve(Scalar(v, name, errors, at), directory); break;
                case "key_file": key = Resolve(Scalar(v, name, errors, at), directory); break;
                case "client_ca_file": clientCa = Resolve(Scalar(v, name, errors, at), directory); break;
                case "client_auth_type":
                    clientAuth = Scalar(v, name, errors, at);
                    if (!s_clientAuthTypes.Contains(clientAuth, StringComparer.Ordinal))
                        errors.Add($"{at(v)}: invalid client_auth_type \"{clientAuth}\" (one of {string.Join(", ", s_clientAuthTypes)})");
                    break;
                case "min_version": min = Version(v, name, errors, at); break;
                case "max_version": max = Version(v, name, errors, at); break;
                case "cipher_suites":
                    if (v is not YamlSequenceNode seq)
                    {
                        errors.Add($"{at(v)}: cipher_suites must be a list");
                        break;
                    }
                    foreach (var item in seq.Children)
                    {
                        string s = Scalar(item, "cipher_suites", errors, at);
                        if (Enum.TryParse<TlsCipherSuite>(s, ignoreCase: false, out var suite) && !int.TryParse(s, out _)) suites.Add(suite);
                        else errors.Add($"{at(item)}: unknown cipher suite \"{s}\"");
                    }
                    break;
                case "prefer_server_cipher_suites":
                    // Accepted for compatibility: Go ignores it since 1.18 too (the server's order always wins).
                    Bool(v, name, errors, at);
                    break;
                case "curve_preferences" or "client_allowed_sans" or "cert" or "key" or "client_ca":
                    errors.Add($"{at(k)}: {name} is not supported by Argus (see docs/security.md)");
                    break;
                default:
                    errors.Add($"{at(k)}: field {name} not found in tls_server_config");
                    break;
            }
        }
        if (cert is null && key is null)
        {
            if (clientCa is not null || clientAuth is not null) errors.Add($"{at(m)}: tls_server_config has client settings but no cert_file and key_file");
            return null;
        }
        if (cert is null) errors.Add($"{at(m)}: missing cert_file");
        if (key is null) errors.Add($"{at(m)}: missing key_file");
        if (min > max) errors.Add($"{at(m)}: min_version is greater than max_version");
        clientAuth ??= "NoClientCert";
        if (clientCa is not null && clientAuth == "NoClientCert")
            errors.Add($"{at(m)}: client_ca_file is set but client_auth_type is NoClientCert (Client CA's have been configured without a Client Auth Policy)");
        if (clientCa is null && clientAuth is "VerifyClientCertIfGiven" or "RequireAndVerifyClientCert")
            errors.Add($"{at(m)}: client_auth_type {clientAuth} needs client_ca_file");
        if (suites.Count > 0 && !OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            errors.Add($"{at(m)}: cipher_suites cannot be set on this operating system (.NET supports it on Linux and macOS)");
        if (cert is not null && key is not null)
        {
            try
            {
                using var _ = X509Certificate2.CreateFromPemFile(cert, key);
            }
            catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException)
            {
                errors.Add($"{at(m)}: cannot load certificate \"{cert}\" with key \"{key}\": {e.Message}");
            }
        }
        if (clientCa is not null)
        {
            try
            {
                var cas = new X509Certificate2Collection();
                cas.ImportFromPemFile(clientCa);
                if (cas.Count == 0) errors.Add($"{at(m)}: client_ca_file \"{clientCa}\" holds no certificate");
            }
            catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
            {
                errors.Add($"{at(m)}: cannot load client_ca_file \"{clientCa}\": {e.Message}");
            }
        }
        if (cert is null || key is null) return null;
        return new TlsServerConfig
        {
            CertFile = cert, KeyFile = key, ClientCaFile = clientCa, ClientAuthType = clientAuth,
            MinVersion = min, MaxVersion = max, CipherSuites = suites,
        };
    }

    /// <summary>Whether <paramref name="s"/> looks like a bcrypt hash: $2a$/$2b$/$2y$, two-digit cost, 53 base64 characters.</summary>
    public static bool IsBcrypt(string s) =>
        s.Length == 60 && s[0] == '$' && s[1] == '2' && s[2] is 'a' or 'b' or 'y' && s[3] == '$' && char.IsAsciiDigit(s[4]) && char.IsAsciiDigit(s[5]) && s[6] == '$';

    private static SslProtocols Version(YamlNode v, string name, List<string> errors, Func<YamlNode, string> at)
    {
#pragma warning disable SYSLIB0039 // TLS 1.0/1.1 are accepted when configured, as Prometheus accepts them.
        switch (Scalar(v, name, errors, at))
        {
            case "TLS10": return SslProtocols.Tls;
            case "TLS11": return SslProtocols.Tls11;
            case "TLS12": return SslProtocols.Tls12;
            case "TLS13": return SslProtocols.Tls13;
#pragma warning restore SYSLIB0039
            case var s:
                errors.Add($"{at(v)}: unknown TLS version: {s} (TLS10, TLS11, TLS12 or TLS13)");
                return SslProtocols.Tls12;
        }
    }

    private static string Resolve(string path, string directory) => path.Length == 0 || Path.IsPathRooted(path) ? path : Path.Combine(directory, path);

    private static string Key(YamlNode k) => (k as YamlScalarNode)?.Value ?? "";

    private static YamlMappingNode Mapping(YamlNode v, string name, List<string> errors, Func<YamlNode, string> at)
    {
        if (v is YamlMappingNode m) return m;
        if (v is not YamlScalarNode { Value: null or "" }) errors.Add($"{at(v)}: {name} must be a mapping");
        return new YamlMappingNode();
    }

    private static string Scalar(YamlNode v, string name, List<string> errors, Func<YamlNode, string> at)
    {
        if (v is YamlScalarNode s) return s.Value ?? "";
        errors.Add($"{at(v)}: {name} must be a string");
        return "";
    }

    private static bool Bool(YamlNode v, string name, List<string> errors, Func<YamlNode, string> at)
    {
        string s = Scalar(v, name, errors, at);
        if (s is "true" or "false") return s == "true";
        errors.Add($"{at(v)}: {name} must be true or false, got \"{s}\"");
        return false;
    }

    private static Exception Inner(YamlException e) => e.InnerException is { } inner && inner.Message.Length > 0 ? inner : e;
}
