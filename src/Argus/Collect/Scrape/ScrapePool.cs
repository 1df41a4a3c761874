using System.Threading.Channels;
using Argus.Collect.Discovery;
using Argus.Config;
using Argus.Model;
using Argus.Store;
using Microsoft.Extensions.Logging;

namespace Argus.Collect.Scrape;

/// <summary>
/// All targets of one scrape job: merges the target groups its discoverers report, turns them into targets (relabelling),
/// and keeps one <see cref="ScrapeLoop"/> per target. Targets that disappear are stopped with stale markers; targets that
/// stay keep their loop (and its cache) across discovery updates.
/// </summary>
public sealed partial class ScrapePool : IAsyncDisposable
{
    private readonly ScrapeConfig _config;
    private readonly ScrapeLoopOptions _loopOptions;
    private readonly IAppendable _store;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly ScrapeMetrics _metrics;
    private readonly ulong _offsetSeed;
    private readonly Func<Target, IScrapeSource> _sourceFactory;
    private readonly HttpClient? _client;
    private readonly IReadOnlyList<IDiscoverer> _discoverers;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Provider, string Source), TargetGroup> _groups = [];
    private Dictionary<ulong, ScrapeLoop> _loops = [];
    private IReadOnlyList<Labels> _dropped = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private readonly SemaphoreSlim _syncLock = new(1, 1);

    public ScrapePool(ScrapeConfig config, IReadOnlyList<IDiscoverer> discoverers, IAppendable store, TimeProvider time,
                      ILoggerFactory loggers, ScrapeMetrics metrics, ulong offsetSeed,
                      HttpClient? client, Func<Target, IScrapeSource>? sourceFactory = null)
    {
        _config = config;
        _loopOptions = ScrapeLoopOptions.From(config);
        _discoverers = discoverers;
        _store = store;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<ScrapePool>();
        _metrics = metrics;
        _offsetSeed = offsetSeed;
        _client = client;
        _sourceFactory = sourceFactory ?? (t => new HttpScrapeSource(_client!, t.Url, t.Timeout, config.BodySizeLimit.Bytes, config.EnableCompression));
    }

    public string Name => _config.JobName;
    public ScrapeConfig Config => _config;

    /// <summary>Starts the discoverers; targets follow as they report.</summary>
    public void Start()
    {
        foreach (var d in _discoverers)
        {
            var channel = Channel.CreateBounded<IReadOnlyList<TargetGroup>>(new BoundedChannelOptions(4)
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleReader = true,
                SingleWriter = true,
            });
            _tasks.Add(RunDiscovererAsync(d, channel.Writer, _stop.Token));
            _tasks.Add(ConsumeAsync(d.Name, channel.Reader, _stop.Token));
        }
    }

    private async Task RunDiscovererAsync(IDiscoverer d, ChannelWriter<IReadOnlyList<TargetGroup>> writer, CancellationToken stop)
    {
        try
        {
            await d.RunAsync(writer, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Log.DiscoveryFailed(_logger, Name, d.Name, e);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task ConsumeAsync(string provider, ChannelReader<IReadOnlyList<TargetGroup>> reader, CancellationToken stop)
    {
        try
        {
            await foreach (var update in reader.ReadAllAsync(stop))
            {
                await SyncAsync(provider, update);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Applies one discoverer's update: recomputes the target set and starts/stops loops accordingly.</summary>
    public async Task SyncAsync(string provider, IReadOnlyList<TargetGroup> update)
    {
        await _syncLock.WaitAsync();
        try
        {
            lock (_lock)
            {
                foreach (var g in update)
                {
                    if (g.Targets.Count == 0) _groups.Remove((provider, g.Source));
                    else _groups[(provider, g.Source)] = g;
                }
            }
            var wanted = new Dictionary<ulong, Target>();
            var dropped = new List<Labels>();
            foreach (var g in _groups.Values)
            {
                foreach (var built in TargetBuilder.Build(_config, g))
                {
                    if (built.Outcome == TargetBuildOutcome.Failed) Log.TargetInvalid(_logger, Name, built.Error ?? "");
                    if (built.Outcome != TargetBuildOutcome.Active)
                    {
                        dropped.Add(built.DiscoveredLabels);
                        continue;
                    }
                    var t = new Target(Name, built.Labels, built.DiscoveredLabels, built.ScrapeInterval, built.ScrapeTimeout, built.Url(_config.Params));
                    wanted.TryAdd(t.Hash, t); // duplicates of the same final labels scrape once, as in Prometheus
                }
            }
            if (_config.TargetLimit > 0 && wanted.Count > _config.TargetLimit)
            {
                Log.TargetLimit(_logger, Name, wanted.Count, (int)_config.TargetLimit);
                wanted.Clear();
            }

            var next = new Dictionary<ulong, ScrapeLoop>(wanted.Count);
            var stopping = new List<ScrapeLoop>();
            foreach (var (hash, target) in wanted)
            {
                if (_loops.TryGetValue(hash, out var existing))
                {
                    next[hash] = existing;
                    continue;
                }
                var loop = new ScrapeLoop(target, _sourceFactory(target), _store, _loopOptions, _time,
                    _loggers.CreateLogger<ScrapeLoop>(), _metrics, _offsetSeed);
                next[hash] = loop;
                loop.Start();
            }
            foreach (var (hash, loop) in _loops)
            {
                if (!next.ContainsKey(hash)) stopping.Add(loop);
            }
            lock (_lock)
            {
                _loops = next;
                _dropped = dropped;
            }
            foreach (var loop in stopping)
            {
                await loop.StopAsync(markStale: true);
                await loop.DisposeAsync();
            }
        }
        finally
        {
            _syncLock.Release();
        }
    }

    public IReadOnlyList<Target> ActiveTargets
    {
        get
        {
            lock (_lock) return [.. _loops.Values.Select(l => l.Target)];
        }
    }

    public IReadOnlyList<Labels> DroppedTargets
    {
        get
        {
            lock (_lock) return _dropped;
        }
    }

    /// <summary>Stops everything. With <paramref name="markStale"/> the targets' series end with stale markers.</summary>
    public async ValueTask StopAsync(bool markStale)
    {
        _stop.Cancel();
        try
        {
            await Task.WhenAll(_tasks);
        }
        catch (OperationCanceledException)
        {
        }
        Dictionary<ulong, ScrapeLoop> loops;
        lock (_lock)
        {
            loops = _loops;
            _loops = [];
        }
        foreach (var loop in loops.Values)
        {
            await loop.StopAsync(markStale);
            await loop.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(markStale: false);
        _client?.Dispose();
        _stop.Dispose();
        _syncLock.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Discovery {Provider} of job {Job} failed")]
        public static partial void DiscoveryFailed(ILogger logger, string job, string provider, Exception e);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: invalid target dropped: {Error}")]
        public static partial void TargetInvalid(ILogger logger, string job, string error);

        [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} has {Count} targets, more than its target_limit {Limit}: scraping none")]
        public static partial void TargetLimit(ILogger logger, string job, int count, int limit);
    }
}
