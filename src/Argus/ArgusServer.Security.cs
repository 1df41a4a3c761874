using Argus.Serve.Auth;
using Microsoft.Extensions.Logging;

namespace Argus;

/// <summary>Authentication and TLS for <c>argus serve</c> (docs/security.md).</summary>
public sealed partial class ArgusServer
{
    private WebSecurity? _security;

    /// <summary>Credentials the embedded configuration's self-scrape sends when authentication is on; null otherwise.</summary>
    private string? _selfScrapeToken;
    private bool _selfScrapeTls;

    /// <summary>
    /// Reads --web.config.file and the ARGUS_* authentication variables; null with the reason when either is unusable, which
    /// stops the start-up (a server that meant to be protected must not come up open).
    /// </summary>
    private string? LoadSecurity()
    {
        WebConfig? webConfig = null;
        if (_options.WebConfigFile is { } file)
        {
            try
            {
                webConfig = WebConfigLoader.Load(file);
            }
            catch (WebConfigException e)
            {
                return e.Message;
            }
        }
        var settings = AuthSettings.FromEnvironment(Environment.GetEnvironmentVariable, _time, out var errors, webConfig);
        if (settings is null) return "authentication settings are invalid:\n" + string.Join('\n', errors);
        if (settings.Enabled && _options.ConfigFile is null)
        {
            _selfScrapeToken = Serve.Auth.SessionStore.RandomToken();
            _selfScrapeTls = webConfig?.Tls is not null;
            settings = settings with { InternalToken = _selfScrapeToken };
            var loaded = LoadConfig(null, ListenPort(), SelfScrapeAuth());
            if (!loaded.Success) return "embedded configuration with self-scrape credentials: " + loaded.ErrorText;
            _config = loaded.Config!;
            _configYaml = _config.ToYaml();
        }
        _security = WebSecurity.Create(settings, webConfig, _metrics, _loggers, _time);
        Log.Security(_logger, _security.AuthEnabled ? "on" : "off", webConfig?.Tls is null ? "off" : "on");
        return null;
    }

    /// <summary>What the embedded configuration's self-scrape job needs with authentication (and TLS) on; null without.</summary>
    private string? SelfScrapeAuth() => _selfScrapeToken is null ? null : SelfScrapeYaml(_selfScrapeToken, _selfScrapeTls);

    /// <summary>
    /// Keys appended to the embedded configuration's job (it ends with the argus job's static_configs, at 4 spaces).
    /// Certificate checks are skipped for this one loopback target only: the certificate is usually issued for the public
    /// name, not localhost, and the token is a random value that dies with the process.
    /// </summary>
    internal static string SelfScrapeYaml(string token, bool tls) =>
        (tls ? "    scheme: https\n    tls_config:\n      insecure_skip_verify: true\n" : "")
        + $"    authorization:\n      credentials: {token}\n";

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Web security: authentication {Auth}, TLS {Tls}")]
        public static partial void Security(ILogger logger, string auth, string tls);
    }
}
