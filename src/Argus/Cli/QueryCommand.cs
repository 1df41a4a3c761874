using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Argus.Cli;

/// <summary>
/// <c>argus query instant|range URL EXPR</c>: asks any Prometheus-compatible server (Argus or Prometheus) over its HTTP API
/// and prints the result as promtool does (<c>metric => value @[time]</c>) or, with <c>-o json</c>, the raw <c>data</c>.
/// Exit code 1 when the server answers with an error or cannot be reached.
/// </summary>
public static class QueryCommand
{
    public static async Task<int> InstantAsync(string server, string expr, string? time, string output, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var form = new Dictionary<string, string> { ["query"] = expr };
        if (!string.IsNullOrEmpty(time)) form["time"] = time;
        return await RunAsync(server, "/api/v1/query", form, output, stdout, stderr, ct);
    }

    public static async Task<int> RangeAsync(string server, string expr, string? start, string? end, string? step, string output,
                                             TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var form = new Dictionary<string, string>
        {
            ["query"] = expr,
            ["start"] = string.IsNullOrEmpty(start) ? Seconds(now.AddMinutes(-5)) : start,
            ["end"] = string.IsNullOrEmpty(end) ? Seconds(now) : end,
            ["step"] = string.IsNullOrEmpty(step) ? "15" : step,
        };
        return await RunAsync(server, "/api/v1/query_range", form, output, stdout, stderr, ct);
    }

    private static string Seconds(DateTimeOffset t) =>
        (t.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static async Task<int> RunAsync(string server, string path, Dictionary<string, string> form, string output,
                                            TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (!Uri.TryCreate(server.TrimEnd('/') + path, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            await stderr.WriteLineAsync($"argus: query: invalid server URL \"{server}\": expected http(s)://host:port");
            return 1;
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        string body;
        try
        {
            using var response = await http.PostAsync(url, new FormUrlEncodedContent(form), ct);
            body = await response.Content.ReadAsStringAsync(ct);
        }
        catch (HttpRequestException e)
        {
            await stderr.WriteLineAsync($"argus: query: cannot reach {url}: {e.Message}");
            return 1;
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            await stderr.WriteLineAsync($"argus: query: {url} did not answer with Prometheus API JSON: {Truncate(body)}");
            return 1;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.GetProperty("status").GetString() != "success")
            {
                await stderr.WriteLineAsync($"argus: query failed: {root.GetProperty("errorType").GetString()}: {root.GetProperty("error").GetString()}");
                return 1;
            }
            var data = root.GetProperty("data");
            if (output == "json")
            {
                await stdout.WriteLineAsync(data.GetRawText());
                return 0;
            }
            await stdout.WriteAsync(Format(data));
            if (root.TryGetProperty("warnings", out var warnings))
            {
                foreach (var w in warnings.EnumerateArray()) await stderr.WriteLineAsync("warning: " + w.GetString());
            }
            return 0;
        }
    }

    /// <summary>promtool's text layout: one line per vector sample, a block per matrix series, scalars and strings alone.</summary>
    internal static string Format(JsonElement data)
    {
        var sb = new StringBuilder();
        var result = data.GetProperty("result");
        switch (data.GetProperty("resultType").GetString())
        {
            case "scalar":
            case "string":
                sb.Append(Point(result)).Append('\n');
                break;
            case "vector":
                foreach (var s in result.EnumerateArray())
                {
                    sb.Append(Metric(s.GetProperty("metric"))).Append(" => ").Append(Point(s.GetProperty("value"))).Append('\n');
                }
                break;
            case "matrix":
                foreach (var s in result.EnumerateArray())
                {
                    sb.Append(Metric(s.GetProperty("metric"))).Append(" =>\n");
                    foreach (var p in s.GetProperty("values").EnumerateArray()) sb.Append(Point(p)).Append('\n');
                }
                break;
        }
        return sb.ToString();
    }

    // Go's model.Time prints seconds with only the digits it needs ("1795560000.25"), unlike the API's fixed three.
    private static string Point(JsonElement p) =>
        $"{p[1].GetString()} @[{p[0].GetDouble().ToString("0.###", CultureInfo.InvariantCulture)}]";

    private static string Metric(JsonElement metric)
    {
        string name = "";
        var labels = new List<string>();
        foreach (var l in metric.EnumerateObject())
        {
            if (l.Name == "__name__") name = l.Value.GetString() ?? "";
            else labels.Add($"{l.Name}=\"{l.Value.GetString()}\"");
        }
        return name + "{" + string.Join(", ", labels) + "}";
    }

    private static string Truncate(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
