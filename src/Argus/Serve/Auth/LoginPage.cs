using System.Net;

namespace Argus.Serve.Auth;

/// <summary>
/// The sign-in form: one self-contained HTML page (inline CSS, no script, no external assets), light or dark following
/// the browser's prefers-color-scheme. Every value put into it is HTML-encoded.
/// </summary>
public static class LoginPage
{
    /// <summary>Only the inline style may run; the form may only post back to us; nobody may frame the page.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static string Render(string csrfToken, string next, string? error, string user = "")
    {
        string e = WebUtility.HtmlEncode(error ?? "");
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="same-origin">
            <title>Sign in · Argus</title>
            <style>
            :root { color-scheme: light dark; --bg: #f5f6f8; --fg: #1d2330; --card: #fff; --line: #cfd5df; --accent: #2f6fdf; --err: #b3261e; }
            @media (prefers-color-scheme: dark) { :root { --bg: #111318; --fg: #e3e6ec; --card: #1b1f27; --line: #39404d; --accent: #7aa5f5; --err: #f2b8b5; } }
            body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--fg); font: 15px/1.4 system-ui, sans-serif; }
            form { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 28px; width: min(320px, 86vw); display: grid; gap: 12px; }
            h1 { margin: 0 0 4px; font-size: 20px; }
            label { display: grid; gap: 4px; font-size: 13px; }
            input { font: inherit; padding: 8px; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); }
            button { font: inherit; padding: 9px; border: 0; border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; }
            .error { color: var(--err); margin: 0; }
            </style>
            </head>
            <body>
            <form method="post" action="/login" autocomplete="on">
            <h1>Argus</h1>
            {{(error is null ? "" : $"<p class=\"error\" role=\"alert\">{e}</p>")}}
            <label>User name <input name="user" autocomplete="username" required autofocus value="{{WebUtility.HtmlEncode(user)}}"></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
            <input type="hidden" name="csrf" value="{{WebUtility.HtmlEncode(csrfToken)}}">
            <input type="hidden" name="next" value="{{WebUtility.HtmlEncode(next)}}">
            <button type="submit">Sign in</button>
            </form>
            </body>
            </html>
            """;
    }

    /// <summary>
    /// <paramref name="next"/> when it is a path on this site, else "/": no scheme, no host, no "//" or "/\" (both mean
    /// another host to browsers), no control characters. Prevents /login from being an open redirect.
    /// </summary>
    public static string SafeNext(string? next)
    {
        if (string.IsNullOrEmpty(next) || next.Length > 2048 || next[0] != '/') return "/";
        if (next.Length > 1 && (next[1] == '/' || next[1] == '\\')) return "/";
        foreach (char c in next)
        {
            if (c == '\\' || char.IsControl(c)) return "/";
        }
        return next;
    }
}
