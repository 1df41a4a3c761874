using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Argus.Serve.Auth;

/// <summary>
/// What exporter-toolkit's web config does for an exporter such as node-exporter, for <c>argus agent</c>: the
/// http_server_config headers on every response and, when basic_auth_users is set, HTTP basic authentication on every
/// route (exporter-toolkit wraps the whole handler, probes included), answering <c>401 Unauthorized</c> with
/// <c>WWW-Authenticate: Basic</c> otherwise. No roles, sessions or CSRF: an exporter only serves reads. Passwords are
/// checked by <see cref="CredentialStore"/> (bcrypt, successes cached, unknown users cost a bcrypt too). Thread-safe.
/// </summary>
public sealed partial class ExporterWebGuard
{
    private readonly WebConfig _config;
    private readonly CredentialStore? _credentials;
    private readonly ILogger _logger;

    public ExporterWebGuard(WebConfig config, TimeProvider time, ILogger logger)
    {
        _config = config;
        _logger = logger;
        if (config.BasicAuthUsers.Count > 0)
            _credentials = new CredentialStore(new AuthSettings { BasicAuthUsers = config.BasicAuthUsers }, time, logger);
    }

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        foreach (var (name, value) in _config.Headers) ctx.Response.Headers[name] = value;
        if (_credentials is not null && !Authenticated(ctx.Request))
        {
            Log.Refused(_logger, ctx.Connection.RemoteIpAddress?.ToString() ?? "", ctx.Request.Path.Value ?? "");
            ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
            ctx.Response.Headers.WWWAuthenticate = "Basic";
            ctx.Response.ContentType = "text/plain; charset=utf-8";
            await ctx.Response.WriteAsync("Unauthorized\n", ctx.RequestAborted);
            return;
        }
        await next(ctx);
    }

    private bool Authenticated(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null) return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }
        int colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return false;
        return _credentials!.VerifyPassword(decoded[..colon], decoded[(colon + 1)..]) is not null;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Refused an unauthenticated request from {Client} for {Path}")]
        public static partial void Refused(ILogger logger, string client, string path);
    }
}
