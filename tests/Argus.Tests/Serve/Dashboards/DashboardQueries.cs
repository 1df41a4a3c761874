using System.Text.Json;
using System.Text.RegularExpressions;

namespace Argus.Tests.Serve.Dashboards;

/// <summary>One PromQL query a dashboard would send: a panel target or a variable's query, with where it came from.</summary>
public sealed record DashboardQuery(string Dashboard, string Where, string Expr, bool Instant);

/// <summary>
/// The queries of a Grafana dashboard, interpolated as Grafana would with each variable at a chosen value: a test-side
/// reading of the same rules the front end implements (web/src/dashboards/interpolate.ts), so the server tests can run
/// every query without a browser.
/// </summary>
public static partial class DashboardQueries
{
    /// <summary>Grafana's built-ins at a 1h range on a ~1000 px wide panel (scrape interval 15s).</summary>
    public static readonly IReadOnlyDictionary<string, string> BuiltIns = new Dictionary<string, string>
    {
        ["__rate_interval"] = "60s", ["__interval"] = "15s", ["__interval_ms"] = "15000", ["__range"] = "3600s",
        ["__range_s"] = "3600", ["__range_ms"] = "3600000", ["__from"] = "1767225600000", ["__to"] = "1767229200000",
        ["__all"] = ".*",
    };

    /// <summary>Every visible target of every panel (rows' nested panels included) and every query variable.</summary>
    public static IEnumerable<DashboardQuery> Collect(string name, JsonElement dashboard, Func<string, string?> value)
    {
        if (dashboard.TryGetProperty("templating", out var templating) && templating.TryGetProperty("list", out var vars))
        {
            foreach (var v in vars.EnumerateArray())
            {
                if (Str(v, "type") != "query") continue;
                string? q = v.TryGetProperty("query", out var query)
                    ? query.ValueKind == JsonValueKind.Object ? Str(query, "query") : query.GetString()
                    : null;
                if (q is null || VariableSelector(q) is not { } expr) continue;
                yield return new DashboardQuery(name, $"variable {Str(v, "name")}", Interpolate(expr, value), Instant: true);
            }
        }
        foreach (var (panel, path) in Panels(dashboard))
        {
            if (!panel.TryGetProperty("targets", out var targets)) continue;
            foreach (var t in targets.EnumerateArray())
            {
                if (t.TryGetProperty("hide", out var hide) && hide.ValueKind == JsonValueKind.True) continue;
                if (Str(t, "expr") is not { Length: > 0 } expr) continue;
                bool instant = t.TryGetProperty("instant", out var i) && i.ValueKind == JsonValueKind.True
                    && !(t.TryGetProperty("range", out var r) && r.ValueKind == JsonValueKind.True);
                yield return new DashboardQuery(name, $"{path} {Str(t, "refId")}", Interpolate(expr, value), instant);
            }
        }
    }

    private static IEnumerable<(JsonElement Panel, string Path)> Panels(JsonElement dashboard)
    {
        if (!dashboard.TryGetProperty("panels", out var panels)) yield break;
        foreach (var p in panels.EnumerateArray())
        {
            yield return (p, $"panel \"{Str(p, "title")}\"");
            if (p.TryGetProperty("panels", out var nested))
            {
                foreach (var n in nested.EnumerateArray()) yield return (n, $"panel \"{Str(p, "title")}\"/\"{Str(n, "title")}\"");
            }
        }
    }

    /// <summary>The PromQL behind a Prometheus variable query: label_values(sel, l) → sel, query_result(e) → e; label_names() etc. need none.</summary>
    public static string? VariableSelector(string query)
    {
        var m = LabelValues().Match(query);
        if (m.Success) return m.Groups["sel"].Value.Trim();
        m = QueryResult().Match(query);
        return m.Success ? m.Groups["expr"].Value : null;
    }

    /// <summary>Replaces <c>$var</c>, <c>${var}</c>, <c>${var:format}</c>, <c>[[var]]</c> and the built-ins.</summary>
    public static string Interpolate(string text, Func<string, string?> value) => Variable().Replace(text, m =>
    {
        string name = m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Success ? m.Groups["b"].Value : m.Groups["c"].Value;
        if (BuiltIns.TryGetValue(name, out var builtIn)) return builtIn;
        return value(name) ?? m.Value;
    });

    private static string? Str(JsonElement e, string property) =>
        e.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    [GeneratedRegex(@"^\s*label_values\s*\((?<sel>.*),\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)\s*$", RegexOptions.Singleline)]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"^\s*query_result\s*\((?<expr>.*)\)\s*$", RegexOptions.Singleline)]
    private static partial Regex QueryResult();

    [GeneratedRegex(@"\$\{(?<a>\w+)(?::\w+)?\}|\[\[(?<b>\w+)(?::\w+)?\]\]|\$(?<c>\w+)")]
    private static partial Regex Variable();
}
