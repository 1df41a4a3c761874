using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Argus.Serve.Auth;

/// <summary>
/// Runs before every endpoint: adds the security headers, then (when authentication is on) classifies the request with
/// <see cref="AccessPolicy"/>, authenticates it, refuses cross-site and CSRF-less state changes, and enforces the role.
/// Unauthenticated browsers navigating to a page are sent to /login; API clients get 401 with a Basic challenge.
/// </summary>
public sealed class AuthMiddleware(WebSecurity security)
{
    public const string CsrfHeader = "X-CSRF-Token";
    private static readonly object s_resultKey = new();

    /// <summary>The authentication of the current request, when auth is on and the route is not open.</summary>
    public static AuthResult? ResultOf(HttpContext ctx) => ctx.Items.TryGetValue(s_resultKey, out var r) ? (AuthResult)r! : null;

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        AddSecurityHeaders(ctx.Response.Headers);
        if (security.Auth is not { Enabled: true } auth)
        {
            await next(ctx);
            return;
        }
        string method = ctx.Request.Method, path = ctx.Request.Path.Value ?? "/";
        Access access = AccessPolicy.Classify(method, path);
        if (access == Access.Open)
        {
            await next(ctx);
            return;
        }
        AuthResult result = auth.Authenticate(ctx);
        if (result.RetryAfter is { } wait)
        {
            ctx.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await RefuseAsync(ctx, 429, "too_many_requests", "too many failed sign-ins; try again later");
            return;
        }
        if (result.Principal is not { } principal)
        {
            await ChallengeAsync(ctx);
            return;
        }
        ctx.Items[s_resultKey] = result;
        ctx.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, principal.Name), new Claim(ClaimTypes.Role, principal.RoleName)], result.Method.ToString(), ClaimTypes.Name, ClaimTypes.Role));
        if (access is Access.Write or Access.Session)
        {
            if (IsCrossSite(ctx.Request))
            {
                await RefuseAsync(ctx, 403, "forbidden", "cross-site request refused");
                return;
            }
            if (result.Method == AuthMethod.Session && !CsrfTokenMatches(ctx.Request, result.Session!))
            {
                await RefuseAsync(ctx, 403, "forbidden", $"missing or wrong {CsrfHeader} header (get it from GET /api/argus/session)");
                return;
            }
        }
        if (access == Access.Write && principal.Role != Role.Admin)
        {
            await RefuseAsync(ctx, 403, "forbidden", $"user \"{principal.Name}\" has role viewer; this request needs admin");
            return;
        }
        await next(ctx);
    }

    /// <summary>
    /// Whether a browser says the request comes from another site: Sec-Fetch-Site other than same-origin or none (a typed
    /// URL), or an Origin whose host:port differs from Host (the scheme is not compared, a TLS-terminating proxy changes it).
    /// Machines send neither header and pass.
    /// </summary>
    public static bool IsCrossSite(HttpRequest request)
    {
        string? site = request.Headers["Sec-Fetch-Site"];
        if (!string.IsNullOrEmpty(site) && site is not "same-origin" and not "none") return true;
        string? origin = request.Headers.Origin;
        if (string.IsNullOrEmpty(origin)) return false;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var o)) return true; // includes "null" (sandboxed or privacy-redirected)
        // Host and Origin come from the same browser, so the origin's scheme says which port Host leaves out.
        string originAuthority = o.IsDefaultPort ? o.Host : $"{o.Host}:{o.Port}";
        int? port = request.Host.Port;
        bool defaultPort = port is null || (port == 443 && o.Scheme == "https") || (port == 80 && o.Scheme == "http");
        string requestAuthority = defaultPort ? request.Host.Host : $"{request.Host.Host}:{port}";
        return !string.Equals(originAuthority, requestAuthority, StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsForwardedHttps(HttpRequest request) =>
        string.Equals(request.Headers["X-Forwarded-Proto"], "https", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the browser reached us over HTTPS (directly or through a proxy that says so): cookies get Secure.</summary>
    public static bool IsHttps(HttpRequest request) => request.IsHttps || IsForwardedHttps(request);

    private static bool CsrfTokenMatches(HttpRequest request, Session session)
    {
        string? sent = request.Headers[CsrfHeader];
        return !string.IsNullOrEmpty(sent)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(session.CsrfToken));
    }

    private void AddSecurityHeaders(IHeaderDictionary h)
    {
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "same-origin";
        h.ContentSecurityPolicy = "frame-ancestors 'none'";
        if (security.Config is { } config)
        {
            foreach (var (name, value) in config.Headers) h[name] = value;
        }
    }

    private static Task ChallengeAsync(HttpContext ctx)
    {
        var request = ctx.Request;
        if (AccessPolicy.HttpMethodIsSafe(request.Method) && WantsHtml(request) && !IsApiPath(request.Path))
        {
            string next = request.Path.Value + request.QueryString.Value;
            ctx.Response.Redirect("/login?next=" + Uri.EscapeDataString(next));
            return Task.CompletedTask;
        }
        ctx.Response.Headers.WWWAuthenticate = "Basic realm=\"Argus\", charset=\"UTF-8\"";
        return RefuseAsync(ctx, 401, "unauthorized", "authentication required");
    }

    private static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static bool IsApiPath(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Prometheus JSON error envelope on /api/v1 (what its clients parse), plain text elsewhere.</summary>
    internal static async Task RefuseAsync(HttpContext ctx, int status, string errorType, string message)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.Headers.CacheControl = "no-store";
        if (ctx.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.ContentType = "application/json";
            await using var w = new System.Text.Json.Utf8JsonWriter(ctx.Response.Body);
            w.WriteStartObject();
            w.WriteString("status", "error");
            w.WriteString("errorType", errorType);
            w.WriteString("error", message);
            w.WriteEndObject();
            return;
        }
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        await ctx.Response.WriteAsync(message + "\n");
    }
}
