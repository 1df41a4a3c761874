using System.Text.Json;
using Argus.Tests.Serve.Dashboards;
using Argus.Tests.Testing;

namespace Argus.Tests.Browser;

/// <summary>
/// Every default and compat dashboard against a real Argus with realistic data: variables resolved through the API as
/// Grafana resolves them (first value, or "All"), every panel query interpolated and run as the panel would (range or
/// instant); no query may fail, and every query must return data except those listed in <see cref="s_noDataHere"/>
/// with the reason this machine cannot produce their series.
/// </summary>
[Collection(DashboardCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DashboardQueryEndToEndTests(DashboardFixture fixture)
{
    /// <summary>Queries that cannot have data here, by "dashboard uid / panel target", with why.</summary>
    private static readonly Dictionary<string, string> s_noDataHere = new(StringComparer.Ordinal)
    {
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Actual Volume Count\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Desired Volume Count\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Config Error Count\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Operation Rate\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Operation Error Rate\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Operation Duration 99th quantile\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Pod Start Rate\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Pod Start Duration\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Storage Operation Rate\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Storage Operation Error Rate\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Storage Operation Duration 99th quantile\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Cgroup manager operation rate\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Cgroup manager 99th quantile\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"PLEG relist rate\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"PLEG relist interval\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"PLEG relist duration\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"RPC rate\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Request duration 99th quantile\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Memory\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"CPU usage\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["3138fa155d5915769fbded898ac09fd9 / panel \"Goroutines\""] = "the kubelet's own metrics: no kubelet runs here (the stand-in serves cAdvisor and volume stats only)",
        ["alertmanager-overview / panel \"Alerts receive rate\""] = "alertmanager_* with the operator's namespace/service labels: no Alertmanager pod is scraped here",
        ["alertmanager-overview / panel \"$integration: Notifications Send Rate\""] = "alertmanager_* with the operator's namespace/service labels: no Alertmanager pod is scraped here",
        ["alertmanager-overview / panel \"$integration: Notification Duration\""] = "alertmanager_* with the operator's namespace/service labels: no Alertmanager pod is scraped here",
        ["fac67cfbe174d3ef53eb473d73d9212f / panel \"Network Utilisation (Bytes Receive/Transmit)\""] = "\"!= 0\" keeps only physical interfaces with traffic; this host's may be idle during the test (seen both ways)",
        ["fac67cfbe174d3ef53eb473d73d9212f / panel \"Network Saturation (Drops Receive/Transmit)\""] = "\"!= 0\" keeps only interfaces dropping packets; this host drops none",
        ["fac67cfbe174d3ef53eb473d73d9212f / panel \"Disk IO Utilisation\""] = "\"!= 0\" keeps only disks doing IO; this host's may be idle during the test (seen both ways)",
        ["fac67cfbe174d3ef53eb473d73d9212f / panel \"Disk IO Saturation\""] = "\"!= 0\" keeps only disks doing IO; this host's may be idle during the test (seen both ways)",
        ["argus-cluster-overview / panel \"Deployments not at desired replicas\""] = "\"!= 0\" lists only unhealthy Deployments; the fixture's are all available",
    };

    private static bool NoDataExpected(string key) => s_noDataHere.Keys.Any(k => key.StartsWith(k, StringComparison.Ordinal));

    [PeerFact(BrowserSession.ChromiumPath, DashboardFixture.NodeExporter)]
    public async Task EveryDashboardQuery_RunsWithoutError_AndHasData()
    {
        var list = await GetDataAsync("/api/argus/dashboards");
        var errors = new List<string>();
        var empty = new List<(string Text, string Expr, bool Instant)>();
        int count = 0;
        foreach (var entry in list.EnumerateArray())
        {
            Assert.False(entry.TryGetProperty("error", out var fileError), fileError.ToString());
            string uid = entry.GetProperty("uid").GetString()!;
            var dashboard = (await GetDataAsync("/api/argus/dashboards/" + uid)).GetProperty("dashboard");
            var values = await ResolveVariablesAsync(dashboard);
            foreach (var q in DashboardQueries.Collect(uid, dashboard, n => values.GetValueOrDefault(n)))
            {
                if (q.Where.StartsWith("variable", StringComparison.Ordinal)) continue;
                count++;
                var (ok, results, error) = await RunAsync(q.Expr, q.Instant);
                string key = $"{uid} / {q.Where}";
                if (!ok) errors.Add($"{key}: {error}\n    {q.Expr}");
                else if (results == 0 && !NoDataExpected(key)) empty.Add(($"{key}\n    {q.Expr}", q.Expr, q.Instant));
            }
        }
        // Recording rules chained on recording rules need a few evaluations after start-up (slower on a loaded machine):
        // an empty answer is re-asked for up to 30 s before it counts as missing data.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (empty.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            var still = new List<(string Text, string Expr, bool Instant)>();
            foreach (var e in empty)
            {
                var (ok, results, _) = await RunAsync(e.Expr, e.Instant);
                if (!ok || results == 0) still.Add(e);
            }
            empty = still;
        }
        Assert.True(count > 200, $"only {count} queries found");
        Assert.True(errors.Count == 0, $"{errors.Count} queries failed:\n" + string.Join("\n", errors));
        Assert.True(empty.Count == 0, $"{empty.Count} queries returned no data:\n" + string.Join("\n", empty.Select(e => e.Text)));
    }

    private async Task<Dictionary<string, string>> ResolveVariablesAsync(JsonElement dashboard)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["datasource"] = "argus" };
        if (!dashboard.TryGetProperty("templating", out var t) || !t.TryGetProperty("list", out var vars)) return values;
        foreach (var v in vars.EnumerateArray())
        {
            string name = v.GetProperty("name").GetString()!;
            string type = v.GetProperty("type").GetString()!;
            bool includeAll = v.TryGetProperty("includeAll", out var ia) && ia.ValueKind == JsonValueKind.True;
            string? allValue = v.TryGetProperty("allValue", out var av) && av.ValueKind == JsonValueKind.String ? av.GetString() : null;
            if (type == "datasource") continue;
            if (type != "query")
            {
                values[name] = v.TryGetProperty("query", out var cq) && cq.ValueKind == JsonValueKind.String ? cq.GetString()!.Split(',')[0].Trim() : "";
                continue;
            }
            if (includeAll)
            {
                values[name] = string.IsNullOrEmpty(allValue) ? ".*" : allValue;
                continue;
            }
            var query = v.GetProperty("query");
            string text = query.ValueKind == JsonValueKind.Object ? query.GetProperty("query").GetString()! : query.GetString()!;
            text = DashboardQueries.Interpolate(text, n => values.GetValueOrDefault(n));
            var m = System.Text.RegularExpressions.Regex.Match(text, @"^\s*label_values\((?:(?<sel>.*),)?\s*(?<label>\w+)\s*\)\s*$");
            Assert.True(m.Success, $"variable {name}: unsupported query {text}");
            string path = $"/api/v1/label/{m.Groups["label"].Value}/values"
                + (m.Groups["sel"].Success ? "?match[]=" + Uri.EscapeDataString(m.Groups["sel"].Value.Trim()) : "");
            var options = await GetDataAsync(path);
            values[name] = options.GetArrayLength() > 0 ? options[0].GetString()! : "";
        }
        return values;
    }

    private async Task<(bool Ok, int Results, string? Error)> RunAsync(string expr, bool instant)
    {
        long end = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var form = new Dictionary<string, string> { ["query"] = expr };
        if (instant) form["time"] = end.ToString(System.Globalization.CultureInfo.InvariantCulture);
        else
        {
            form["start"] = (end - 3600).ToString(System.Globalization.CultureInfo.InvariantCulture);
            form["end"] = end.ToString(System.Globalization.CultureInfo.InvariantCulture);
            form["step"] = "15";
        }
        using var response = await fixture.Http.PostAsync(instant ? "/api/v1/query" : "/api/v1/query_range", new FormUrlEncodedContent(form));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        if (root.GetProperty("status").GetString() != "success") return (false, 0, root.GetProperty("error").GetString());
        var result = root.GetProperty("data").GetProperty("result");
        return (true, result.ValueKind == JsonValueKind.Array ? result.GetArrayLength() : 1, null);
    }

    private async Task<JsonElement> GetDataAsync(string path)
    {
        using var doc = JsonDocument.Parse(await fixture.Http.GetStringAsync(path));
        return doc.RootElement.GetProperty("data").Clone();
    }
}
