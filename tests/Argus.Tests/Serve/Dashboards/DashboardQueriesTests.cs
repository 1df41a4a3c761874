using System.Text.Json;
using Argus.Query.Parser;
using Argus.Serve.Dashboards;

namespace Argus.Tests.Serve.Dashboards;

/// <summary>Every query of every compat and default dashboard, interpolated with Grafana's rules, is PromQL Argus parses.</summary>
public sealed class DashboardQueriesTests
{
    internal static readonly string CompatDir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/compat/dashboards"));

    public static TheoryData<string> Dashboards()
    {
        var data = new TheoryData<string>();
        foreach (var d in DefaultDashboards.Load()) data.Add("default:" + d.Uid);
        foreach (var f in Directory.EnumerateFiles(CompatDir, "*.json").Order(StringComparer.Ordinal)) data.Add("compat:" + Path.GetFileName(f));
        return data;
    }

    internal static JsonElement Load(string name)
    {
        Dashboard d = name.StartsWith("default:", StringComparison.Ordinal)
            ? DefaultDashboards.Load().Single(x => x.Uid == name["default:".Length..])
            : DashboardLoader.Load(File.ReadAllBytes(Path.Combine(CompatDir, name["compat:".Length..])), name, "");
        Assert.True(d.Error is null, d.Error);
        return JsonDocument.Parse(d.Json!).RootElement;
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void EveryQuery_Interpolated_Parses(string name)
    {
        var dashboard = Load(name);
        // Multi-value or "All" variables become a regex alternation; single ones a plain value.
        var queries = DashboardQueries.Collect(name, dashboard, v => v == "datasource" ? "argus" : "(a|b)").ToList();
        Assert.NotEmpty(queries);
        var failures = new List<string>();
        foreach (var q in queries)
        {
            Assert.DoesNotContain("$", q.Expr);
            try
            {
                PromQLParser.ParseExpr(q.Expr);
            }
            catch (PromQLParseException e)
            {
                failures.Add($"{q.Where}: {e.Message}: {q.Expr}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Interpolate_GrafanaSyntaxes()
    {
        string Value(string v) => v == "ns" ? "a|b" : "x";
        Assert.Equal("rate(m{ns=~\"a|b\",j=\"x\"}[60s])", DashboardQueries.Interpolate("rate(m{ns=~\"$ns\",j=\"[[job]]\"}[$__rate_interval])", Value));
        Assert.Equal("a|b 3600s", DashboardQueries.Interpolate("${ns:regex} $__range", Value));
    }

    [Theory]
    [InlineData("label_values(up{job=\"a\"}, instance)", "up{job=\"a\"}")]
    [InlineData("label_values(kube_pod_info{ns=\"x\", a=\"b\"}, pod)", "kube_pod_info{ns=\"x\", a=\"b\"}")]
    [InlineData("query_result(topk(3, up))", "topk(3, up)")]
    [InlineData("label_values(job)", null)]
    [InlineData("label_names()", null)]
    public void VariableSelector_PrometheusVariableQueries(string query, string? expected) =>
        Assert.Equal(expected, DashboardQueries.VariableSelector(query));
}
