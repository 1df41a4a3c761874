using System.Net;
using System.Text;
using Argus.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Argus.Serve.Auth;

/// <summary>
/// Authenticates requests (session cookie, <c>Authorization: Basic</c>, <c>Authorization: Bearer</c>) and password
/// sign-ins, counting and rate-limiting failures per client address and per user name. Thread-safe.
/// </summary>
public sealed partial class AuthService
{
    public const string SessionCookie = "argus_session";

    private readonly CredentialStore _credentials;
    private readonly LoginRateLimiter _limiter;
    private readonly CounterVec _failures;
    private readonly CounterVec _lockouts;
    private readonly ILogger _logger;

    public AuthService(AuthSettings settings, MetricsRegistry registry, TimeProvider time, ILogger logger)
    {
        _logger = logger;
        _credentials = new CredentialStore(settings, time, logger);
        Sessions = new SessionStore(time, settings.SessionMaxAge, settings.SessionIdleTimeout);
        _limiter = new LoginRateLimiter(time);
        _failures = registry.CounterVec("argus_http_auth_failures_total", "Failed authentications by method (form, basic, bearer), including refusals while locked out.", "method");
        _lockouts = registry.CounterVec("argus_http_auth_lockouts_total", "Times a client address or user name was locked out after repeated failed sign-ins.", "key");
        registry.Gauge("argus_http_sessions", "Browser sessions currently held.", () => Sessions.Count);
    }

    public bool Enabled => _credentials.Enabled;
    public SessionStore Sessions { get; }
    public CredentialStore Credentials => _credentials;

    /// <summary>Who sent <paramref name="ctx"/>. An Authorization header wins over a cookie; a bad header is a failure, not anonymous.</summary>
    public AuthResult Authenticate(HttpContext ctx)
    {
        string? header = ctx.Request.Headers.Authorization;
        if (!string.IsNullOrEmpty(header))
        {
            if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return AuthenticateBasic(header.AsSpan(6).Trim(), ctx.Connection.RemoteIpAddress);
            if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateBearer(header[7..].Trim(), ctx.Connection.RemoteIpAddress);
            return AuthResult.Failure;
        }
        if (ctx.Request.Cookies.TryGetValue(SessionCookie, out var cookie) && Sessions.Find(cookie) is { } session)
        {
            if (_credentials.StillExists(session.Principal)) return new AuthResult(session.Principal, AuthMethod.Session, session, false, null);
            Sessions.Remove(cookie);
        }
        return AuthResult.Anonymous;
    }

    /// <summary>A password sign-in (the login form and basic auth): rate-limited per address and per user name.</summary>
    public AuthResult SignIn(string user, string password, IPAddress? remote, string method)
    {
        string ipKey = "ip:" + (remote?.ToString() ?? "unknown"), userKey = "user:" + user;
        if (_limiter.IsLocked(ipKey, out var wait) || _limiter.IsLocked(userKey, out wait))
        {
            _failures.WithLabels(method).Inc();
            return AuthResult.Locked(wait);
        }
        var principal = _credentials.VerifyPassword(user, password);
        if (principal is null)
        {
            _failures.WithLabels(method).Inc();
            if (_limiter.Fail(ipKey)) Locked("ip", ipKey);
            if (_limiter.Fail(userKey)) Locked("user", userKey);
            return AuthResult.Failure;
        }
        _limiter.Succeed(userKey);
        return new AuthResult(principal, method == "form" ? AuthMethod.Session : AuthMethod.Basic, null, false, null);
    }

    private AuthResult AuthenticateBasic(ReadOnlySpan<char> encoded, IPAddress? remote)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded.ToString()));
        }
        catch (FormatException)
        {
            _failures.WithLabels("basic").Inc();
            return AuthResult.Failure;
        }
        int colon = decoded.IndexOf(':');
        if (colon < 0)
        {
            _failures.WithLabels("basic").Inc();
            return AuthResult.Failure;
        }
        return SignIn(decoded[..colon], decoded[(colon + 1)..], remote, "basic");
    }

    private AuthResult AuthenticateBearer(string token, IPAddress? remote)
    {
        string ipKey = "ip:" + (remote?.ToString() ?? "unknown");
        if (_limiter.IsLocked(ipKey, out var wait))
        {
            _failures.WithLabels("bearer").Inc();
            return AuthResult.Locked(wait);
        }
        if (_credentials.VerifyToken(token) is { } principal) return new AuthResult(principal, AuthMethod.Bearer, null, false, null);
        _failures.WithLabels("bearer").Inc();
        if (_limiter.Fail(ipKey)) Locked("ip", ipKey);
        return AuthResult.Failure;
    }

    private void Locked(string kind, string key)
    {
        _lockouts.WithLabels(kind).Inc();
        Log.LockedOut(_logger, key);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Repeated failed sign-ins: {Key} is locked out for a while")]
        public static partial void LockedOut(ILogger logger, string key);
    }
}
