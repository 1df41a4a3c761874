using System.Text;
using System.Text.Json;
using Argus.Serve.Dashboards;

namespace Argus.Tests.Serve.Dashboards;

public sealed class DashboardLoaderTests
{
    private static Dashboard Load(string json, string source = "/dash/a.json", string folder = "") =>
        DashboardLoader.Load(Encoding.UTF8.GetBytes(json), source, folder);

    [Fact]
    public void Load_GrafanaDashboard_ReadsUidTitleTags()
    {
        var d = Load("""{"uid":"u1","title":"Nodes","tags":["node","linux"],"panels":[]}""", folder: "infra");
        Assert.Null(d.Error);
        Assert.Equal(("u1", "Nodes", "infra", "/dash/a.json"), (d.Uid, d.Title, d.Folder, d.Source));
        Assert.Equal(["node", "linux"], d.Tags);
    }

    [Fact]
    public void Load_NoUidOrTitle_FallsBackToFileName()
    {
        var d = Load("""{"panels":[]}""", source: "/dash/my-board.json");
        Assert.Equal(("my-board", "my-board"), (d.Uid, d.Title));
        Assert.Equal("my-board", JsonDocument.Parse(d.Json!).RootElement.GetProperty("uid").GetString());
    }

    [Fact]
    public void Load_ExportedWithInputs_BindsDatasourcePlaceholdersToArgus()
    {
        const string json = """
            {"__inputs":[{"name":"DS_PROMETHEUS","type":"datasource","pluginId":"prometheus"},{"name":"DS_PROM","type":"datasource"}],
             "__requires":[{"type":"grafana","id":"grafana"}],
             "uid":"x","panels":[{"type":"stat","datasource":{"type":"prometheus","uid":"${DS_PROMETHEUS}"},
               "targets":[{"expr":"up","datasource":"$DS_PROM"}]}],
             "templating":{"list":[{"name":"job","datasource":"${DS_PROMETHEUS}","query":"label_values(up, job)"}]}}
            """;
        var root = JsonDocument.Parse(Load(json).Json!).RootElement;
        Assert.False(root.TryGetProperty("__inputs", out _));
        Assert.False(root.TryGetProperty("__requires", out _));
        var panel = root.GetProperty("panels")[0];
        Assert.Equal("argus", panel.GetProperty("datasource").GetProperty("uid").GetString());
        Assert.Equal("argus", panel.GetProperty("targets")[0].GetProperty("datasource").GetString());
        Assert.Equal("argus", root.GetProperty("templating").GetProperty("list")[0].GetProperty("datasource").GetString());
        Assert.Equal("up", panel.GetProperty("targets")[0].GetProperty("expr").GetString());
    }

    [Fact]
    public void Load_DatasourceVariable_IsLeftForTheFrontEnd()
    {
        // ${datasource} is a template variable, not an import input: the front end resolves it like any variable.
        var d = Load("""{"uid":"x","panels":[{"datasource":{"uid":"${datasource}"}}]}""");
        Assert.Contains("${datasource}", d.Json);
    }

    [Fact]
    public void Load_ApiEnvelope_UnwrapsDashboard()
    {
        var d = Load("""{"dashboard":{"uid":"inner","title":"T","panels":[]},"meta":{"slug":"t"}}""");
        Assert.Equal("inner", d.Uid);
    }

    [Theory]
    [InlineData("{\n  \"uid\": \"x\",\n  \"panels\": [}\n", "/dash/a.json:3:14: invalid JSON")]
    [InlineData("{\"uid\": \"x\"", "/dash/a.json:1:12: invalid JSON")]
    [InlineData("[1,2]", "/dash/a.json: a dashboard must be a JSON object, got array")]
    [InlineData("{\"panels\": {}}", "/dash/a.json: \"panels\" must be an array, got object")]
    public void Load_Invalid_ErrorNamesFileAndPosition(string json, string expectedPrefix)
    {
        var d = Load(json);
        Assert.Null(d.Json);
        Assert.NotNull(d.Error);
        Assert.StartsWith(expectedPrefix, d.Error);
        Assert.Equal("a", d.Uid);
    }

    [Fact]
    public void DefaultDashboards_AllValid_HomeIsClusterOverview()
    {
        var defaults = DefaultDashboards.Load();
        Assert.Equal(6, defaults.Count);
        Assert.All(defaults, d => Assert.True(d.Error is null, d.Error));
        Assert.All(defaults, d => Assert.True(d.Embedded));
        Assert.Equal("Cluster overview", Assert.Single(defaults, d => d.Uid == DefaultDashboards.HomeUid).Title);
        Assert.Equal(defaults.Count, defaults.Select(d => d.Uid).Distinct().Count());
    }
}
