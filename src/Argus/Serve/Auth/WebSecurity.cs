using Argus.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Argus.Serve.Auth;

/// <summary>
/// Everything the web server needs for security: authentication (null or disabled = open, as without configuration) and
/// the web config (TLS, headers). Built once by the composition root; <see cref="WebServer"/> installs it. Design and
/// threat model: docs/security.md.
/// </summary>
public sealed class WebSecurity
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public WebSecurity(AuthService? auth, WebConfig? config, TimeProvider time, ILogger logger)
    {
        Auth = auth;
        Config = config;
        _time = time;
        _logger = logger;
    }

    /// <summary>No authentication, no TLS: the security headers and GET /api/argus/session ({"authEnabled":false}) only.</summary>
    public static WebSecurity Off { get; } = new(null, null, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    public AuthService? Auth { get; }
    public WebConfig? Config { get; }
    public bool AuthEnabled => Auth is { Enabled: true };

    /// <summary>
    /// Authentication from <paramref name="settings"/> plus the web config's basic_auth_users (admins, or viewers when
    /// ARGUS_VIEWER_USERS names them: <see cref="AuthSettings.BasicAuthViewers"/>).
    /// </summary>
    public static WebSecurity Create(AuthSettings settings, WebConfig? config, MetricsRegistry registry, ILoggerFactory loggers, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        if (config is { BasicAuthUsers.Count: > 0 }) settings = settings with { BasicAuthUsers = config.BasicAuthUsers };
        var logger = loggers.CreateLogger<WebSecurity>();
        var auth = settings.Enabled ? new AuthService(settings, registry, time, loggers.CreateLogger<AuthService>()) : null;
        return new WebSecurity(auth, config, time, logger);
    }

    /// <summary>Serves TLS on <paramref name="listen"/> when the web config has tls_server_config.</summary>
    public void ConfigureListener(ListenOptions listen)
    {
        if (Config?.Tls is { } tls) TlsListener.Configure(listen, tls, Config.Http2, _time, _logger);
    }

    /// <summary>The middleware (after request metrics, so refusals are counted) and the /login, /logout, /api/argus/session routes.</summary>
    public void Install(WebApplication app)
    {
        app.Use(new AuthMiddleware(this).InvokeAsync);
        AuthEndpoints.Map(app, this);
    }
}
