using System.IO.Hashing;
using System.Text;
using Argus.Config;
using Argus.Config.Http;
using Argus.Model;
using Argus.Telemetry;
using Microsoft.Extensions.Logging;

namespace Argus.Remote.Write;

/// <summary>
/// All remote_write queues of the server (Prometheus's remote.WriteStorage): one <see cref="QueueManager"/> fed by one
/// <see cref="WalWatcher"/> per remote_write entry. <see cref="ApplyConfigAsync"/> keeps the queues whose configuration
/// (and the external labels) did not change, stops removed or changed ones after flushing them, and starts new ones, so a
/// reload touches only what it changed. Also the collector of the queues' gauges. Call ApplyConfigAsync one at a time.
/// </summary>
public sealed partial class RemoteWriteStorage : ICollector, IAsyncDisposable
{
    private readonly string _walDirectory;
    private readonly MetricsRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Func<RemoteWriteConfig, string, HttpClient> _httpClients;
    private readonly Lock _lock = new();
    private Dictionary<string, RunningQueue> _queues = [];

    /// <param name="walDirectory">The store's WAL (storage.tsdb.path/wal).</param>
    /// <param name="httpClients">Builds a queue's client from its config and the config directory (tests pass fakes).</param>
    public RemoteWriteStorage(string walDirectory, MetricsRegistry registry, TimeProvider time, ILoggerFactory loggers,
        Func<RemoteWriteConfig, string, HttpClient>? httpClients = null)
    {
        _walDirectory = walDirectory;
        _registry = registry;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<RemoteWriteStorage>();
        _httpClients = httpClients ?? ((c, dir) => HttpClientBuilder.Build(c, dir));
        registry.AddCollector(this);
    }

    /// <summary>The running queues by name, for tests and status pages.</summary>
    public IReadOnlyList<QueueManager> Queues
    {
        get { lock (_lock) return [.. _queues.Values.Select(q => q.Queue)]; }
    }

    /// <summary>The scraped targets' metadata for metadata_config; null sends none.</summary>
    public Func<IReadOnlyList<Protocol.MetricMetadata>>? MetadataSource { get; init; }

    /// <summary>How often the watchers poll the live WAL segment.</summary>
    public TimeSpan ReadPeriod { get; init; } = TimeSpan.FromMilliseconds(50);

    public async Task ApplyConfigAsync(PrometheusConfig config, string configDirectory)
    {
        var external = config.Global.ExternalLabelSet;
        var wanted = new Dictionary<string, RemoteWriteConfig>();
        foreach (var rw in config.RemoteWrite) wanted.TryAdd(Hash(rw, external), rw);

        Dictionary<string, RunningQueue> old;
        lock (_lock) old = _queues;
        var next = new Dictionary<string, RunningQueue>();
        var stopping = new List<RunningQueue>();
        foreach (var (hash, running) in old)
        {
            if (wanted.ContainsKey(hash)) next[hash] = running;
            else stopping.Add(running);
        }
        // Stop first: a changed queue keeps its name and url, so its metrics children are reused by the new one.
        foreach (var q in stopping) await StopAsync(q, unregister: !wanted.Values.Any(w => QueueName(w, Hash(w, external)) == q.Queue.Metrics.RemoteName));
        foreach (var (hash, rw) in wanted)
        {
            if (next.ContainsKey(hash)) continue;
            next[hash] = Start(rw, hash, external, configDirectory);
        }
        lock (_lock) _queues = next;
    }

    private RunningQueue Start(RemoteWriteConfig rw, string hash, Labels external, string configDirectory)
    {
        string name = QueueName(rw, hash);
        var q = rw.QueueConfig;
        var metrics = new QueueMetrics(_registry, name, rw.Url, q.MinShards, q.MaxShards, q.Capacity);
        var http = _httpClients(rw, configDirectory);
        var client = new RemoteWriteClient(http, new Uri(rw.Url), rw.RemoteTimeout, q.RetryOnHttp429, _time, rw.Headers);
        var logger = _loggers.CreateLogger<QueueManager>();
        var queue = new QueueManager(rw, [.. external], client, metrics, _time, logger) { MetadataSource = MetadataSource };
        queue.Start();
        var watcher = new WalWatcher(_walDirectory, queue, _time.GetUtcNow().ToUnixTimeMilliseconds(), _time, _loggers.CreateLogger<WalWatcher>())
        {
            ReadPeriod = ReadPeriod,
        };
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => watcher.RunAsync(stop.Token), CancellationToken.None);
        Log.QueueStarted(_logger, name, rw.Url);
        return new RunningQueue(queue, watcher, stop, run, http);
    }

    private async Task StopAsync(RunningQueue q, bool unregister)
    {
        await q.Stop.CancelAsync();
        await q.Run;
        await q.Queue.DisposeAsync();
        q.Stop.Dispose();
        q.Http.Dispose();
        if (unregister) q.Queue.Metrics.Unregister();
        Log.QueueStopped(_logger, q.Queue.Metrics.RemoteName);
    }

    /// <summary>remote_write name, or (as Prometheus) the first 6 hex digits of the config's hash.</summary>
    private static string QueueName(RemoteWriteConfig rw, string hash) => string.IsNullOrEmpty(rw.Name) ? hash[..6] : rw.Name;

    private static string Hash(RemoteWriteConfig rw, Labels external) =>
        XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(ConfigYaml.Serialize(rw) + "\n" + external)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    public void Collect(List<MetricFamily> into)
    {
        RunningQueue[] queues;
        lock (_lock) queues = [.. _queues.Values];
        var gauges = new Dictionary<string, (string Help, List<MetricPoint> Points)>(StringComparer.Ordinal);
        long highest = 0;
        foreach (var q in queues)
        {
            q.Queue.Metrics.Collect(gauges);
            highest = Math.Max(highest, q.Queue.Metrics.HighestReadMs);
        }
        foreach (var (name, (help, points)) in gauges.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            into.Add(new MetricFamily(name, MetricType.Gauge, help, points));
            string argus = "argus_" + name["prometheus_".Length..];
            var renamed = points.ConvertAll(p => p with { Labels = p.Labels.ToBuilder().Set(Labels.MetricName, argus).Build() });
            into.Add(new MetricFamily(argus, MetricType.Gauge, help, renamed));
        }
        const string highestName = "prometheus_remote_storage_highest_timestamp_in_seconds";
        into.Add(new MetricFamily(highestName, MetricType.Gauge,
            "Highest timestamp that has come into the remote storage via the Appender interface, in seconds since epoch.",
            [new MetricPoint(Labels.FromStrings(Labels.MetricName, highestName), highest / 1000.0)]));
    }

    public async ValueTask DisposeAsync()
    {
        Dictionary<string, RunningQueue> queues;
        lock (_lock)
        {
            queues = _queues;
            _queues = [];
        }
        await Task.WhenAll(queues.Values.Select(q => StopAsync(q, unregister: false)));
    }

    private sealed record RunningQueue(QueueManager Queue, WalWatcher Watcher, CancellationTokenSource Stop, Task Run, HttpClient Http);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Remote write {Queue}: sending to {Url}")]
        public static partial void QueueStarted(ILogger logger, string queue, string url);

        [LoggerMessage(Level = LogLevel.Information, Message = "Remote write {Queue}: stopped")]
        public static partial void QueueStopped(ILogger logger, string queue);
    }
}
