using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Argus.Serve.Auth;

/// <summary>
/// GET/POST /login, POST /logout and GET /api/argus/session. The login form is protected against login CSRF by a
/// double-submit token (a random value in an HttpOnly, SameSite=Strict cookie scoped to /login, repeated in a hidden
/// field) plus the same cross-site check as every state change.
/// </summary>
public static class AuthEndpoints
{
    public const string LoginCsrfCookie = "argus_login_csrf";
    private const string GenericError = "Invalid user name or password.";

    public static void Map(WebApplication app, WebSecurity security)
    {
        app.MapGet("/api/argus/session", (HttpContext ctx) => SessionInfoAsync(ctx, security));
        if (security.Auth is not { Enabled: true } auth) return;
        app.MapGet("/login", (HttpContext ctx) => LoginFormAsync(ctx, LoginPage.SafeNext(ctx.Request.Query["next"]), null, "", 200));
        app.MapPost("/login", (HttpContext ctx) => SignInAsync(ctx, auth));
        app.MapPost("/logout", (HttpContext ctx) => SignOut(ctx, auth));
    }

    private static async Task SessionInfoAsync(HttpContext ctx, WebSecurity security)
    {
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.ContentType = "application/json";
        await using var w = new Utf8JsonWriter(ctx.Response.Body);
        WriteSession(w, ctx, security);
    }

    /// <summary>
    /// The body of <c>GET /api/argus/session</c> for this request's caller: <c>{"authEnabled":false}</c>, or the user, role,
    /// how they signed in and the session's CSRF token. Also embedded in the UI's index.html (<see cref="Ui.IndexPage"/>).
    /// </summary>
    public static void WriteSession(Utf8JsonWriter w, HttpContext ctx, WebSecurity security)
    {
        w.WriteStartObject();
        if (security.Auth is not { Enabled: true } || AuthMiddleware.ResultOf(ctx) is not { Principal: { } principal } result)
        {
            w.WriteBoolean("authEnabled", false);
        }
        else
        {
            w.WriteBoolean("authEnabled", true);
            w.WriteString("user", principal.Name);
            w.WriteString("role", principal.RoleName);
            w.WriteString("method", result.Method.ToString().ToLowerInvariant());
            if (result.Session is { } s) w.WriteString("csrfToken", s.CsrfToken);
            else w.WriteNull("csrfToken");
        }
        w.WriteEndObject();
    }

    private static async Task LoginFormAsync(HttpContext ctx, string next, string? error, string user, int status)
    {
        string token = SessionStore.RandomToken();
        ctx.Response.Cookies.Append(LoginCsrfCookie, token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = AuthMiddleware.IsHttps(ctx.Request), Path = "/login", IsEssential = true,
        });
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.Headers.ContentSecurityPolicy = LoginPage.ContentSecurityPolicy;
        await ctx.Response.WriteAsync(LoginPage.Render(token, next, error, user));
    }

    private static async Task SignInAsync(HttpContext ctx, AuthService auth)
    {
        if (!ctx.Request.HasFormContentType)
        {
            await AuthMiddleware.RefuseAsync(ctx, 400, "bad_data", "expected a form (application/x-www-form-urlencoded)");
            return;
        }
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        string user = form["user"].ToString(), password = form["password"].ToString(), next = LoginPage.SafeNext(form["next"]);
        string? cookie = ctx.Request.Cookies[LoginCsrfCookie];
        string sent = form["csrf"].ToString();
        if (AuthMiddleware.IsCrossSite(ctx.Request) || string.IsNullOrEmpty(cookie)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookie), Encoding.UTF8.GetBytes(sent)))
        {
            await LoginFormAsync(ctx, next, "Your sign-in form expired; please try again.", user, 403);
            return;
        }
        AuthResult result = auth.SignIn(user, password, ctx.Connection.RemoteIpAddress, "form");
        if (result.RetryAfter is { } wait)
        {
            ctx.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await LoginFormAsync(ctx, next, "Too many failed sign-ins. Try again later.", user, 429);
            return;
        }
        if (result.Principal is not { } principal)
        {
            await LoginFormAsync(ctx, next, GenericError, user, 401);
            return;
        }
        var (cookieValue, _) = auth.Sessions.Create(principal);
        ctx.Response.Cookies.Append(AuthService.SessionCookie, cookieValue, SessionCookieOptions(ctx));
        ctx.Response.Cookies.Delete(LoginCsrfCookie, new CookieOptions { Path = "/login" });
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.StatusCode = 303;
        ctx.Response.Headers.Location = next;
    }

    private static IResult SignOut(HttpContext ctx, AuthService auth)
    {
        if (ctx.Request.Cookies[AuthService.SessionCookie] is { } cookie) auth.Sessions.Remove(cookie);
        ctx.Response.Cookies.Delete(AuthService.SessionCookie, SessionCookieOptions(ctx));
        return Results.NoContent();
    }

    /// <summary>HttpOnly (scripts never see the id), SameSite=Lax (links from Slack alerts still arrive signed in; every
    /// state change needs the CSRF header anyway), Secure whenever the browser is on HTTPS.</summary>
    public static CookieOptions SessionCookieOptions(HttpContext ctx) => new()
    {
        HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = AuthMiddleware.IsHttps(ctx.Request), Path = "/", IsEssential = true,
    };
}
