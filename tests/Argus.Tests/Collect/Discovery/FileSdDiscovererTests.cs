using System.Threading.Channels;
using Argus.Collect.Discovery;
using Argus.Config;
using Argus.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Argus.Tests.Collect.Discovery;

public sealed class FileSdDiscovererTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-filesd").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private FileSdDiscoverer Discoverer(params string[] patterns) =>
        new(new FileSdConfig { Files = [.. patterns.Select(p => Path.Combine(_dir, p))] }, _time, NullLogger<FileSdDiscoverer>.Instance);

    [Fact]
    public void Refresh_JsonAndYaml_GroupsWithFilePathAndSources()
    {
        string json = Write("a.json", """[{"targets": ["h1:9100", "h2:9100"], "labels": {"env": "prod"}}, {"targets": ["h3:1"]}]""");
        string yml = Write("b.yml", "- targets: ['h4:1']\n  labels:\n    team: x\n");
        Write("ignored.txt", "not matched");
        var groups = Discoverer("*.json", "*.yml").Refresh();
        Assert.Equal([json + ":0", json + ":1", yml + ":0"], groups.Select(g => g.Source));
        Assert.Equal([Labels.FromStrings("__address__", "h1:9100"), Labels.FromStrings("__address__", "h2:9100")], groups[0].Targets);
        Assert.Equal(Labels.FromStrings("__meta_filepath", json, "env", "prod"), groups[0].GroupLabels);
        Assert.Equal(Labels.FromStrings("__meta_filepath", yml, "team", "x"), groups[2].GroupLabels);
    }

    [Fact]
    public void Refresh_BrokenFile_KeepsPreviousTargets()
    {
        string path = Write("t.yml", "- targets: ['a:1']\n");
        var d = Discoverer("*.yml");
        Assert.Single(d.Refresh());
        Write("t.yml", "- targets: ['a:1'\n");          // syntax error
        Assert.Empty(d.Refresh());                       // nothing announced: the old group stands
        Assert.Equal(1, d.ReadErrors);
        Write("t.yml", "- targets: ['b:1']\n  labels: {'bad-name': x}\n");
        Assert.Empty(d.Refresh());
        Assert.Equal(2, d.ReadErrors);
        Write("t.yml", "- targets: ['b:1']\n");
        var groups = d.Refresh();
        Assert.Equal(path + ":0", Assert.Single(groups).Source);
        Assert.Equal("b:1", groups[0].Targets[0].Get("__address__"));
    }

    [Fact]
    public void Refresh_FileShrinksOrVanishes_AnnouncesEmptyGroups()
    {
        string path = Write("t.json", """[{"targets": ["a:1"]}, {"targets": ["b:1"]}]""");
        var d = Discoverer("*.json");
        Assert.Equal(2, d.Refresh().Count);
        Write("t.json", """[{"targets": ["a:1"]}]""");
        var shrunk = d.Refresh();
        Assert.Equal([path + ":0", path + ":1"], shrunk.Select(g => g.Source));
        Assert.Empty(shrunk[1].Targets);
        File.Delete(path);
        var gone = Assert.Single(d.Refresh());
        Assert.Equal((path + ":0", 0), (gone.Source, gone.Targets.Count));
        Assert.Empty(d.Refresh());
    }

    [Theory]
    [InlineData("t.json", "[null]", "nil target group item found (index 0)")]
    [InlineData("t.json", "{\"targets\": []}", "")]
    [InlineData("t.yml", "- targets: [a]\n  extra: 1\n", "")]
    public void Parse_InvalidContent_Throws(string name, string content, string messagePart)
    {
        var e = Assert.Throws<FormatException>(() => TargetGroupFile.Parse(name, content));
        Assert.Contains(messagePart, e.Message);
    }

    [Fact]
    [Trait("Category", "Integration")] // real FileSystemWatcher and background loop
    public async Task RunAsync_RefreshInterval_PicksUpChanges()
    {
        Write("t.yml", "- targets: ['a:1']\n");
        var d = new FileSdDiscoverer(new FileSdConfig { Files = [Path.Combine(_dir, "*.yml")], RefreshInterval = TimeSpan.FromMinutes(5) },
            _time, NullLogger<FileSdDiscoverer>.Instance);
        var updates = Channel.CreateUnbounded<IReadOnlyList<TargetGroup>>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // safety net only
        var run = d.RunAsync(updates.Writer, stop.Token);

        var first = await updates.Reader.ReadAsync(stop.Token);
        Assert.Equal("a:1", first[0].Targets[0].Get("__address__"));

        Write("t.yml", "- targets: ['b:2']\n");
        // The watcher may announce the change first; the periodic refresh must announce it regardless.
        string address = "";
        while (address != "b:2")
        {
            _time.Advance(TimeSpan.FromMinutes(5));
            var read = updates.Reader.ReadAsync(stop.Token).AsTask();
            while (!read.IsCompleted)
            {
                await Task.WhenAny(read, Task.Delay(50, stop.Token));
                if (!read.IsCompleted) _time.Advance(TimeSpan.FromMinutes(5));
            }
            address = (await read)[0].Targets[0].Get("__address__");
        }
        stop.Cancel();
        await run;
    }
}
