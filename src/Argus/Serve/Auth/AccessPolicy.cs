namespace Argus.Serve.Auth;

/// <summary>
/// The one table that says which requests are open, which only read and which change state. Anything not listed is a
/// read when its method is GET or HEAD and a write otherwise, so a POST route added later is admin-only and CSRF-checked
/// until someone lists it here as a read. Paths compare case-insensitively because ASP.NET Core routing does.
/// </summary>
public static class AccessPolicy
{
    /// <summary>Requests answered without authentication: Kubernetes probes and the login form itself.</summary>
    public static readonly IReadOnlyList<(string Method, string Path)> OpenRoutes =
    [
        ("GET", "/-/healthy"), ("HEAD", "/-/healthy"),
        ("GET", "/-/ready"), ("HEAD", "/-/ready"),
        ("GET", "/login"), ("HEAD", "/login"), ("POST", "/login"),
    ];

    /// <summary>
    /// POST routes that only read: Prometheus accepts POST with a form body for queries too long for a URL
    /// (web/api/v1/api.go registers them for both methods), and Grafana uses it.
    /// </summary>
    public static readonly IReadOnlyList<string> ReadOnlyPostPaths =
    [
        "/api/v1/query", "/api/v1/query_range", "/api/v1/query_exemplars", "/api/v1/series", "/api/v1/labels",
        "/api/v1/format_query", "/api/v1/parse_query",
    ];

    /// <summary>State-changing requests that only touch the caller's own session.</summary>
    public static readonly IReadOnlyList<(string Method, string Path)> SessionRoutes = [("POST", "/logout")];

    public static Access Classify(string method, string path)
    {
        string p = path.Length > 1 ? path.TrimEnd('/') : path;
        foreach (var (m, open) in OpenRoutes)
        {
            if (string.Equals(m, method, StringComparison.OrdinalIgnoreCase) && string.Equals(open, p, StringComparison.OrdinalIgnoreCase)) return Access.Open;
        }
        if (HttpMethodIsSafe(method)) return Access.Read;
        foreach (var (m, own) in SessionRoutes)
        {
            if (string.Equals(m, method, StringComparison.OrdinalIgnoreCase) && string.Equals(own, path, StringComparison.OrdinalIgnoreCase)) return Access.Session;
        }
        if (string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            // Exact paths only: a trailing slash or other variant is classified as a write, the safe side.
            foreach (var read in ReadOnlyPostPaths)
            {
                if (string.Equals(read, path, StringComparison.OrdinalIgnoreCase)) return Access.Read;
            }
        }
        return Access.Write;
    }

    /// <summary>GET, HEAD and OPTIONS never change state (RFC 9110 §9.2.1 safe methods; TRACE is not served).</summary>
    public static bool HttpMethodIsSafe(string method) =>
        string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase) || string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase)
        || string.Equals(method, "OPTIONS", StringComparison.OrdinalIgnoreCase);
}
