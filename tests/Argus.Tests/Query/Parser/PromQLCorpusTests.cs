using System.Text.Json;
using System.Text.RegularExpressions;
using Argus.Query.Parser;
using YamlDotNet.RepresentationModel;

namespace Argus.Tests.Query.Parser;

/// <summary>
/// Every expression of the shared corpora parses, and printing then parsing gives an equal tree: the promqltest
/// conformance files (one case per eval, named file:line), the kube-prometheus rules and the Grafana dashboards.
/// </summary>
public sealed partial class PromQLCorpusTests
{
    private static string Shared => Path.Combine(RepoRoot(), "..", "shared");

    private static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", ".."));

    public static TheoryData<string, string> ConformanceEvals()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Shared, "conformance", "promql"), "*.test").Order())
        {
            int lineNo = 0;
            foreach (var raw in File.ReadLines(file))
            {
                lineNo++;
                var m = EvalRegex().Match(raw.Trim());
                if (m.Success) data.Add($"{Path.GetFileName(file)}:{lineNo}", m.Groups["expr"].Value);
            }
        }
        return data;
    }

    public static TheoryData<string, string> RuleExprs()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Shared, "compat", "rules"), "*.yaml").Order())
        {
            var yaml = new YamlStream();
            using (var reader = File.OpenText(file)) yaml.Load(reader);
            int i = 0;
            foreach (var doc in yaml.Documents)
            {
                foreach (var expr in FindExprs(doc.RootNode))
                {
                    data.Add($"{Path.GetFileName(file)}#{i++}", expr);
                }
            }
        }
        return data;
    }

    public static TheoryData<string, string> DashboardExprs()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Shared, "compat", "dashboards"), "*.json").Order())
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            int i = 0;
            if (!doc.RootElement.TryGetProperty("panels", out var panels)) continue;
            foreach (var expr in FindTargetExprs(panels))
            {
                data.Add($"{Path.GetFileName(file)}#{i++}", SubstituteGrafanaVariables(expr));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ConformanceEvals))]
    public void ConformanceEval_Parses_AndRoundTrips(string where, string expr) => AssertParsesAndRoundTrips(where, expr);

    [Theory]
    [MemberData(nameof(RuleExprs))]
    public void RuleExpr_Parses_AndRoundTrips(string where, string expr) => AssertParsesAndRoundTrips(where, expr);

    [Theory]
    [MemberData(nameof(DashboardExprs))]
    public void DashboardTarget_Parses_AndRoundTrips(string where, string expr) => AssertParsesAndRoundTrips(where, expr);

    [Fact]
    public void Corpora_AreNotEmpty()
    {
        Assert.True(ConformanceEvals().Count > 1000);
        Assert.True(RuleExprs().Count > 200);
        Assert.True(DashboardExprs().Count > 200);
    }

    [Theory]
    [InlineData("rate(x[$__rate_interval])", "rate(x[5m])")]
    [InlineData("sum(x{cluster=\"$cluster\", ns=~\"${namespace}\"}[$__interval]) / $__range_s", "sum(x{cluster=\"x\", ns=~\"x\"}[1m]) / 3600")]
    [InlineData("x{pod=\"[[pod]]\"}", "x{pod=\"x\"}")]
    public void SubstituteGrafanaVariables_ReplacesEveryForm(string input, string expected) =>
        Assert.Equal(expected, SubstituteGrafanaVariables(input));

    internal static void AssertParsesAndRoundTrips(string where, string expr)
    {
        Expr parsed;
        try
        {
            parsed = PromQLParser.ParseExpr(expr);
        }
        catch (PromQLParseException e)
        {
            Assert.Fail($"{where}: {expr}\n{e.Message}");
            return;
        }
        string printed = Printer.Format(parsed);
        var reparsed = PromQLParser.ParseExpr(printed);
        Assert.True(AstEquality.Equal(parsed, reparsed), $"{where}: {expr}\nprinted as {printed}\nwhich parses differently");
        Assert.Equal(printed, Printer.Format(reparsed));
    }

    internal static string SubstituteGrafanaVariables(string expr)
    {
        expr = expr.Replace("$__rate_interval", "5m").Replace("$__interval_ms", "60000").Replace("$__interval", "1m")
            .Replace("$__range_s", "3600").Replace("$__range_ms", "3600000").Replace("$__range", "1h");
        return GrafanaVariableRegex().Replace(expr, "x");
    }

    private static IEnumerable<string> FindExprs(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (key is YamlScalarNode { Value: "expr" } && value is YamlScalarNode { Value: { } text }) yield return text;
                    else foreach (var e in FindExprs(value)) yield return e;
                }
                break;
            case YamlSequenceNode seq:
                foreach (var child in seq.Children)
                {
                    foreach (var e in FindExprs(child)) yield return e;
                }
                break;
        }
    }

    private static IEnumerable<string> FindTargetExprs(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in element.EnumerateObject())
            {
                if (p.Name == "expr" && p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { Length: > 0 } s) yield return s;
                else foreach (var e in FindTargetExprs(p.Value)) yield return e;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var e in FindTargetExprs(item)) yield return e;
            }
        }
    }

    [GeneratedRegex(@"^eval(?:_fail|_warn|_info|_ordered)?\s+(?:instant\s+at\s+\S+|range\s+from\s+\S+\s+to\s+\S+\s+step\s+\S+)\s+(?<expr>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex EvalRegex();

    [GeneratedRegex(@"\$\{[^}]+\}|\[\[[^\]]+\]\]|\$[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex GrafanaVariableRegex();
}
