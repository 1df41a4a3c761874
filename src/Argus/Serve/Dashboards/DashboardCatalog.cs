using Microsoft.Extensions.Logging;

namespace Argus.Serve.Dashboards;

/// <summary>
/// The dashboards Argus serves: the embedded defaults overlaid by the JSON files of <c>--web.dashboards.path</c> (a file
/// whose uid equals a default's replaces it). The folder is watched and re-read after changes settle for
/// <see cref="Debounce"/>, which also covers a Kubernetes ConfigMap update: the kubelet writes a new timestamped directory
/// and renames the <c>..data</c> symlink over the old one, so every file changes in one event burst.
/// </summary>
/// <remarks>Readers see an immutable snapshot swapped atomically; <see cref="Reload"/> may run concurrently with reads.</remarks>
public sealed partial class DashboardCatalog : IDisposable
{
    /// <summary>How long the folder must be quiet before it is re-read: editors and the kubelet write in several steps.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(500);

    private readonly string? _path;
    private readonly IReadOnlyList<Dashboard> _defaults;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _reloadLock = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _debounceTimer;
    private Snapshot _snapshot;
    private long _reloads;

    /// <param name="path">The dashboards folder; null or empty serves the defaults only.</param>
    /// <param name="defaults">The embedded dashboards (<see cref="DefaultDashboards.Load"/>); tests pass their own.</param>
    public DashboardCatalog(string? path, IReadOnlyList<Dashboard> defaults, TimeProvider time, ILogger<DashboardCatalog> logger, TimeSpan? debounce = null)
    {
        _path = string.IsNullOrEmpty(path) ? null : path;
        _defaults = defaults;
        _time = time;
        _logger = logger;
        Debounce = debounce ?? DefaultDebounce;
        _snapshot = Build(_defaults, []);
    }

    public TimeSpan Debounce { get; }

    /// <summary>Every dashboard, valid or not, ordered by folder then title.</summary>
    public IReadOnlyList<Dashboard> List => Volatile.Read(ref _snapshot).All;

    /// <summary>How many times the folder has been read (for tests and the log).</summary>
    public long Reloads => Interlocked.Read(ref _reloads);

    /// <summary>The valid dashboard with this uid, or null.</summary>
    public Dashboard? Find(string uid) => Volatile.Read(ref _snapshot).ByUid.GetValueOrDefault(uid);

    /// <summary>Reads the folder once and starts watching it.</summary>
    public void Start()
    {
        Reload();
        if (_path is null) return;
        if (!Directory.Exists(_path))
        {
            Log.FolderMissing(_logger, _path);
            return;
        }
        _debounceTimer = _time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(_path)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += OnChanged;
        _watcher.Created += OnChanged;
        _watcher.Deleted += OnChanged;
        _watcher.Renamed += OnChanged;
        _watcher.Error += (_, e) =>
        {
            // The kernel's inotify queue overflowed: events were lost, so read everything again.
            Log.WatchError(_logger, _path, e.GetException().Message);
            ScheduleReload();
        };
        _watcher.EnableRaisingEvents = true;
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => ScheduleReload();

    /// <summary>(Re)arms the debounce timer: the reload runs once the folder has been quiet for <see cref="Debounce"/>.</summary>
    internal void ScheduleReload() => _debounceTimer?.Change(Debounce, Timeout.InfiniteTimeSpan);

    /// <summary>Re-reads the folder now and swaps the snapshot.</summary>
    public void Reload()
    {
        lock (_reloadLock)
        {
            var started = _time.GetTimestamp();
            var files = _path is null ? [] : ReadFolder(_path);
            var snapshot = Build(_defaults, files);
            Volatile.Write(ref _snapshot, snapshot);
            Interlocked.Increment(ref _reloads);
            int invalid = snapshot.All.Count(d => d.Error is not null);
            if (_path is not null) Log.Loaded(_logger, _path, files.Count, invalid, _time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>
    /// The *.json files at the top of <paramref name="path"/> (folder "") and one level down (folder = directory name), as
    /// Grafana's <c>foldersFromFilesStructure</c>. Names starting with "." are skipped: the ConfigMap's <c>..data</c> and
    /// <c>..2025_…</c> directories hold the same files the top-level symlinks point to.
    /// </summary>
    internal static List<Dashboard> ReadFolder(string path)
    {
        var result = new List<Dashboard>();
        if (!Directory.Exists(path)) return result;
        ReadFiles(path, "", result);
        foreach (var dir in SafeEnumerate(() => Directory.EnumerateDirectories(path)).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(dir);
            if (name.StartsWith('.')) continue;
            ReadFiles(dir, name, result);
        }
        return result;
    }

    private static void ReadFiles(string dir, string folder, List<Dashboard> into)
    {
        foreach (var file in SafeEnumerate(() => Directory.EnumerateFiles(dir, "*.json")).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file).StartsWith('.')) continue;
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Deleted or swapped between listing and reading: the watcher reloads again once the swap is done.
                string name = Path.GetFileNameWithoutExtension(file);
                into.Add(new Dashboard(name, name, [], folder, file, null, $"{file}: cannot read: {e.Message}", false));
                continue;
            }
            into.Add(DashboardLoader.Load(bytes, file, folder));
        }
    }

    private static IEnumerable<string> SafeEnumerate(Func<IEnumerable<string>> list)
    {
        try
        {
            return list().ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Overlays the folder's dashboards on the defaults; a second file with an already-used uid is listed as invalid.</summary>
    private static Snapshot Build(IReadOnlyList<Dashboard> defaults, IReadOnlyList<Dashboard> files)
    {
        var byUid = new Dictionary<string, Dashboard>(StringComparer.Ordinal);
        var fromFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        var all = new List<Dashboard>();
        foreach (var d in files)
        {
            if (d.Error is not null)
            {
                all.Add(d);
                continue;
            }
            if (fromFiles.TryGetValue(d.Uid, out var first))
            {
                all.Add(d with { Json = null, Error = $"{d.Source}: uid \"{d.Uid}\" is already used by {first}" });
                continue;
            }
            fromFiles[d.Uid] = d.Source;
            byUid[d.Uid] = d;
            all.Add(d);
        }
        foreach (var d in defaults)
        {
            if (d.Error is not null) all.Add(d);
            else if (byUid.TryAdd(d.Uid, d)) all.Add(d);
        }
        all.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(a.Folder, b.Folder);
            return c != 0 ? c : string.Compare(a.Title, b.Title, StringComparison.OrdinalIgnoreCase);
        });
        return new Snapshot(all, byUid);
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounceTimer?.Dispose();
    }

    private sealed record Snapshot(IReadOnlyList<Dashboard> All, IReadOnlyDictionary<string, Dashboard> ByUid);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Dashboards loaded from {Path}: {Files} files, {Invalid} invalid, in {Duration} ms")]
        public static partial void Loaded(ILogger logger, string path, int files, int invalid, double duration);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboards folder {Path} does not exist; serving the embedded dashboards only")]
        public static partial void FolderMissing(ILogger logger, string path);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Watching dashboards folder {Path} failed, re-reading it: {Error}")]
        public static partial void WatchError(ILogger logger, string path, string error);
    }
}
