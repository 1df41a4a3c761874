using System.Threading.Channels;
using Argus.Config;
using Microsoft.Extensions.Logging;

namespace Argus.Collect.Discovery;

/// <summary>
/// File-based service discovery (discovery/file): reads every file matching the configured globs on start, whenever a
/// watched directory changes, and every refresh_interval. A file that cannot be read or parsed keeps its previous targets
/// (the error is logged with the file and reason); a file that disappears, or shrinks, is announced as empty groups.
/// </summary>
public sealed partial class FileSdDiscoverer : IDiscoverer
{
    private readonly FileSdConfig _config;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();

    // Groups per file at the last refresh; a file that failed to parse keeps its entry from before.
    private Dictionary<string, int> _lastRefresh = new(StringComparer.Ordinal);

    public FileSdDiscoverer(FileSdConfig config, TimeProvider time, ILogger<FileSdDiscoverer> logger, string name = "file/0")
    {
        _config = config;
        _time = time;
        _logger = logger;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Counts files that could not be read or parsed (prometheus_sd_file_read_errors_total).</summary>
    public long ReadErrors { get; private set; }

    public async Task RunAsync(ChannelWriter<IReadOnlyList<TargetGroup>> updates, CancellationToken stop)
    {
        // Watch events only wake the loop; a burst of events collapses into one pending refresh.
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var watchers = CreateWatchers(() => wake.Writer.TryWrite(true));
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var groups = Refresh();
                if (groups.Count > 0) await updates.WriteAsync(groups, stop);
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var delay = Task.Delay(_config.RefreshInterval, _time, tick.Token);
                var woken = wake.Reader.WaitToReadAsync(tick.Token).AsTask();
                await Task.WhenAny(delay, woken);
                tick.Cancel(); // stop whichever of the two is still waiting
                wake.Reader.TryRead(out _);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            foreach (var w in watchers) w.Dispose();
        }
    }

    /// <summary>Reads all matching files once and returns the groups to announce: every group of every readable file, plus
    /// empty groups for sources that vanished since the last refresh.</summary>
    public IReadOnlyList<TargetGroup> Refresh()
    {
        lock (_lock)
        {
            var result = new List<TargetGroup>();
            var current = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string path in ListFiles())
            {
                try
                {
                    var groups = TargetGroupFile.Parse(path, File.ReadAllText(path));
                    result.AddRange(groups);
                    current[path] = groups.Count;
                }
                catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
                {
                    ReadErrors++;
                    Log.ReadError(_logger, path, e.Message);
                    if (_lastRefresh.TryGetValue(path, out int previous)) current[path] = previous; // keep its old targets
                }
            }
            foreach (var (path, previous) in _lastRefresh)
            {
                int now = current.GetValueOrDefault(path);
                for (int i = now; i < previous; i++) result.Add(TargetGroup.Removed(path + ":" + i));
            }
            _lastRefresh = current;
            return result;
        }
    }

    private SortedSet<string> ListFiles()
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string pattern in _config.Files)
        {
            foreach (string f in FileGlob.Expand(pattern)) files.Add(f);
        }
        return files;
    }

    private List<FileSystemWatcher> CreateWatchers(Action changed)
    {
        var watchers = new List<FileSystemWatcher>();
        foreach (string? dir in _config.Files.Select(Path.GetDirectoryName).Distinct(StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(dir) || !Directory.Exists(dir)) continue; // the periodic refresh still covers it
            try
            {
                var w = new FileSystemWatcher(dir)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                    IncludeSubdirectories = false,
                };
                FileSystemEventHandler onChange = (_, _) => changed();
                w.Changed += onChange;
                w.Created += onChange;
                w.Deleted += onChange;
                w.Renamed += (_, _) => changed();
                w.EnableRaisingEvents = true;
                watchers.Add(w);
            }
            catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
            {
                Log.WatchError(_logger, dir, e.Message);
            }
        }
        return watchers;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Error reading file SD file {Path}: {Reason}")]
        public static partial void ReadError(ILogger logger, string path, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch directory {Path} for file SD, relying on refresh_interval: {Reason}")]
        public static partial void WatchError(ILogger logger, string path, string reason);
    }
}
