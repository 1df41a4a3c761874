using System.Text;
using Argus.Serve.Dashboards;
using Argus.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Argus.Tests.Serve.Dashboards;

public sealed partial class DashboardCatalogTests : IDisposable
{
    // rename(2) replaces a symlink atomically, as the kubelet's atomic writer does; File.Move follows a symlink to a directory.
    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "rename", StringMarshalling = System.Runtime.InteropServices.StringMarshalling.Utf8)]
    private static partial int Rename(string oldPath, string newPath);

    private readonly string _dir = Directory.CreateTempSubdirectory("argus-dash-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    private static readonly IReadOnlyList<Dashboard> s_defaults =
    [
        DashboardLoader.Load("""{"uid":"home","title":"Home","panels":[]}"""u8, "embedded:dashboards/home.json", "Argus", embedded: true),
        DashboardLoader.Load("""{"uid":"nodes","title":"Nodes","panels":[]}"""u8, "embedded:dashboards/nodes.json", "Argus", embedded: true),
    ];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private DashboardCatalog Catalog(TimeProvider? time = null, TimeSpan? debounce = null) =>
        new(_dir, s_defaults, time ?? _time, NullLogger<DashboardCatalog>.Instance, debounce);

    private void Write(string relative, string json)
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json, Encoding.UTF8);   // with a byte order mark, as Windows editors save
    }

    [Fact]
    public void Reload_FolderOverridesDefaultWithSameUid_KeepsOthers()
    {
        Write("nodes.json", """{"uid":"nodes","title":"My nodes","panels":[]}""");
        Write("team/extra.json", """{"uid":"extra","title":"Extra","panels":[]}""");
        using var catalog = Catalog();
        catalog.Reload();
        Assert.Equal("My nodes", catalog.Find("nodes")!.Title);
        Assert.False(catalog.Find("nodes")!.Embedded);
        Assert.Equal("team", catalog.Find("extra")!.Folder);
        Assert.True(catalog.Find("home")!.Embedded);
        Assert.Equal(3, catalog.List.Count);
    }

    [Fact]
    public void Reload_InvalidFile_IsListedWithErrorAndOthersStillServed()
    {
        Write("bad.json", "{\"uid\": ");
        Write("good.json", """{"uid":"good","panels":[]}""");
        using var catalog = Catalog();
        catalog.Reload();
        var bad = Assert.Single(catalog.List, d => d.Error is not null);
        Assert.StartsWith(Path.Combine(_dir, "bad.json") + ":1:", bad.Error);
        Assert.Null(catalog.Find("bad"));
        Assert.NotNull(catalog.Find("good"));
    }

    [Fact]
    public void Reload_DuplicateUidInFolder_SecondFileListedAsError()
    {
        Write("a.json", """{"uid":"same","title":"A","panels":[]}""");
        Write("b.json", """{"uid":"same","title":"B","panels":[]}""");
        using var catalog = Catalog();
        catalog.Reload();
        Assert.Equal("A", catalog.Find("same")!.Title);
        var dup = Assert.Single(catalog.List, d => d.Error is not null);
        Assert.Contains("uid \"same\" is already used by " + Path.Combine(_dir, "a.json"), dup.Error);
    }

    [Fact]
    public void Reload_ConfigMapLayout_ReadsSymlinksOnceAndFollowsDataSwap()
    {
        // The kubelet's layout: ..2026_01_01_v1/x.json, ..data -> ..2026_01_01_v1, x.json -> ..data/x.json.
        Write("..2026_01_01_v1/x.json", """{"uid":"x","title":"Version 1","panels":[]}""");
        Directory.CreateSymbolicLink(Path.Combine(_dir, "..data"), "..2026_01_01_v1");
        File.CreateSymbolicLink(Path.Combine(_dir, "x.json"), Path.Combine("..data", "x.json"));
        using var catalog = Catalog();
        catalog.Reload();
        Assert.Equal("Version 1", catalog.Find("x")!.Title);
        Assert.Equal(3, catalog.List.Count);

        // Update: a new directory, a temporary symlink renamed over ..data (atomic), the old directory removed.
        Write("..2026_01_02_v2/x.json", """{"uid":"x","title":"Version 2","panels":[]}""");
        Directory.CreateSymbolicLink(Path.Combine(_dir, "..data_tmp"), "..2026_01_02_v2");
        Assert.Equal(0, Rename(Path.Combine(_dir, "..data_tmp"), Path.Combine(_dir, "..data")));
        Directory.Delete(Path.Combine(_dir, "..2026_01_01_v1"), recursive: true);
        catalog.Reload();
        Assert.Equal("Version 2", catalog.Find("x")!.Title);
    }

    [Fact]
    public void ScheduleReload_WaitsForDebounce_ThenReloadsOnce()
    {
        // No file is written here, so the real watcher stays quiet and only the fake clock decides (reading a changed file
        // is Start_FileChanged_WatcherReloads's part).
        using var catalog = Catalog(debounce: TimeSpan.FromSeconds(1));
        catalog.Start();
        long before = catalog.Reloads;
        catalog.ScheduleReload();
        _time.Advance(TimeSpan.FromMilliseconds(600));
        catalog.ScheduleReload();                           // a second event re-arms the timer
        _time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Equal(before, catalog.Reloads);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(before + 1, catalog.Reloads);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(before + 1, catalog.Reloads);           // once per quiet period, not periodically
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Start_FileChanged_WatcherReloads()
    {
        Write("w.json", """{"uid":"w","title":"Before","panels":[]}""");
        using var catalog = Catalog(TimeProvider.System, TimeSpan.FromMilliseconds(50));
        catalog.Start();
        Assert.Equal("Before", catalog.Find("w")!.Title);
        Write("w.json", """{"uid":"w","title":"After","panels":[]}""");
        await Poll.UntilAsync(() => Task.FromResult(catalog.Find("w")?.Title == "After"), TimeSpan.FromSeconds(10));
        File.Delete(Path.Combine(_dir, "w.json"));
        await Poll.UntilAsync(() => Task.FromResult(catalog.Find("w") is null), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Reload_NoFolder_ServesDefaults()
    {
        using var catalog = new DashboardCatalog(null, s_defaults, _time, NullLogger<DashboardCatalog>.Instance);
        catalog.Start();
        Assert.Equal(["Home", "Nodes"], catalog.List.Select(d => d.Title));
    }
}
