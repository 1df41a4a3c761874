using Argus.Serve.Auth;
using Microsoft.Extensions.Logging;

namespace Argus;

/// <summary>Authentication and TLS for <c>argus serve</c> (docs/security.md).</summary>
public sealed partial class ArgusServer
{
    private WebSecurity? _security;

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
        var settings = AuthSettings.FromEnvironment(Environment.GetEnvironmentVariable, _time, out var errors);
        if (settings is null) return "authentication settings are invalid:\n" + string.Join('\n', errors);
        _security = WebSecurity.Create(settings, webConfig, _metrics, _loggers, _time);
        Log.Security(_logger, _security.AuthEnabled ? "on" : "off", webConfig?.Tls is null ? "off" : "on");
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Web security: authentication {Auth}, TLS {Tls}")]
        public static partial void Security(ILogger logger, string auth, string tls);
    }
}
