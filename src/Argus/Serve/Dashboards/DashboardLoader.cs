using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Argus.Serve.Dashboards;

/// <summary>
/// Reads Grafana dashboard JSON as Grafana's file provisioning does: a dashboard object (or the <c>{"dashboard": …}</c>
/// envelope of Grafana's HTTP API), with the export-time datasource inputs (<c>__inputs</c>, <c>${DS_PROMETHEUS}</c>)
/// bound to Argus, since Argus is the only datasource.
/// </summary>
public static class DashboardLoader
{
    /// <summary>The datasource uid Argus answers to; panels and variables referring to any Prometheus datasource use it.</summary>
    public const string DatasourceUid = "argus";

    private static readonly JsonDocumentOptions s_options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses <paramref name="utf8"/>; never throws for bad input: the returned dashboard carries the error.</summary>
    public static Dashboard Load(ReadOnlySpan<byte> utf8, string source, string folder, bool embedded = false)
    {
        string fallbackName = Path.GetFileNameWithoutExtension(source);
        // Editors on Windows save with a byte order mark, which System.Text.Json rejects as the start of a value.
        if (utf8 is [0xEF, 0xBB, 0xBF, ..]) utf8 = utf8[3..];
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8, documentOptions: s_options);
        }
        catch (JsonException e)
        {
            // LineNumber and BytePositionInLine are zero-based; editors count from one.
            string where = e.LineNumber is { } line ? $"{source}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : source;
            return Invalid(fallbackName, folder, source, embedded, $"{where}: invalid JSON: {StripPosition(e.Message)}");
        }
        if (root is JsonObject envelope && envelope["dashboard"] is JsonObject inner && envelope["panels"] is null) root = inner;
        if (root is not JsonObject dashboard)
            return Invalid(fallbackName, folder, source, embedded, $"{source}: a dashboard must be a JSON object, got {Kind(root)}");
        if (dashboard["panels"] is { } panels && panels is not JsonArray)
            return Invalid(fallbackName, folder, source, embedded, $"{source}: \"panels\" must be an array, got {Kind(panels)}");
        if (dashboard["rows"] is { } rows && rows is not JsonArray)
            return Invalid(fallbackName, folder, source, embedded, $"{source}: \"rows\" must be an array, got {Kind(rows)}");

        ResolveInputs(dashboard);
        string uid = StringOrNull(dashboard["uid"]) is { Length: > 0 } u ? u : fallbackName;
        dashboard["uid"] = uid;
        string title = StringOrNull(dashboard["title"]) is { Length: > 0 } t ? t : fallbackName;
        var tags = dashboard["tags"] is JsonArray tagArray
            ? tagArray.Select(StringOrNull).OfType<string>().ToArray()
            : [];
        return new Dashboard(uid, title, tags, folder, source, dashboard.ToJsonString(), null, embedded);
    }

    private static Dashboard Invalid(string name, string folder, string source, bool embedded, string error) =>
        new(name, name, [], folder, source, null, error, embedded);

    /// <summary>
    /// Binds every datasource input (<c>__inputs[].name</c> of type datasource, conventionally <c>DS_PROMETHEUS</c>) to Argus:
    /// <c>${DS_X}</c> and <c>$DS_X</c> inside any string become <see cref="DatasourceUid"/>; <c>__inputs</c> and
    /// <c>__requires</c>, which only Grafana's import dialog reads, are removed.
    /// </summary>
    private static void ResolveInputs(JsonObject dashboard)
    {
        var names = new List<string>();
        if (dashboard["__inputs"] is JsonArray inputs)
        {
            foreach (var input in inputs)
            {
                if (input is JsonObject o && StringOrNull(o["type"]) == "datasource" && StringOrNull(o["name"]) is { Length: > 0 } n) names.Add(n);
            }
        }
        dashboard.Remove("__inputs");
        dashboard.Remove("__requires");
        dashboard.Remove("__elements");
        if (names.Count == 0) return;
        // Longest first so that DS_PROM is not replaced inside DS_PROMETHEUS.
        names.Sort((a, b) => b.Length.CompareTo(a.Length));
        Replace(dashboard, names);
    }

    private static void Replace(JsonNode node, List<string> names)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(kv => kv.Key).ToArray())
                {
                    if (o[key] is { } child) Replace(child, names);
                }
                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } child) Replace(child, names);
                }
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                string s = v.GetValue<string>();
                if (!s.Contains('$')) return;
                var sb = new StringBuilder(s);
                foreach (var name in names) sb.Replace("${" + name + "}", DatasourceUid).Replace("$" + name, DatasourceUid);
                string replaced = sb.ToString();
                if (replaced != s) v.ReplaceWith(JsonValue.Create(replaced));
                break;
        }
    }

    private static string? StringOrNull(JsonNode? n) =>
        n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string Kind(JsonNode? n) => n?.GetValueKind().ToString().ToLowerInvariant() ?? "null";

    /// <summary>System.Text.Json appends " LineNumber: 3 | BytePositionInLine: 4." to its messages; the prefix says it already.</summary>
    private static string StripPosition(string message)
    {
        int i = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (i < 0 ? message : message[..i]).TrimEnd();
    }
}
