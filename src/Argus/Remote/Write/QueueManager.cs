using Argus.Collect.Relabel;
using Argus.Config;
using Argus.Model;
using Argus.Remote.Protocol;
using Argus.Store.Wal;
using Microsoft.Extensions.Logging;

namespace Argus.Remote.Write;

/// <summary>
/// One remote_write destination (Prometheus's QueueManager): keeps the WAL's series refs → label sets after
/// write_relabel_configs (applied once per series; null = dropped), hashes each sample's series to one of its shards, and
/// reshards every 10 s from observed throughput (<see cref="ReshardPolicy"/>). Fed by one <see cref="WalWatcher"/>, whose
/// loop is the only caller of the Store/Append/Reshard methods; when every shard is full the append waits, so the watcher
/// stops reading and the data stays in the WAL (back-pressure instead of loss).
/// </summary>
public sealed partial class QueueManager : IAsyncDisposable
{
    private readonly RemoteWriteConfig _config;
    private readonly RemoteWriteClient _client;
    private readonly QueueSettings _settings;
    private readonly IReadOnlyList<Label> _externalLabels;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ShardStats _stats = new();
    private readonly ReshardPolicy _policy = new();
    private readonly Dictionary<ulong, (Labels? Labels, byte[]? Encoded, int Segment)> _series = [];
    private readonly CancellationTokenSource _stop = new();   // ends sends: after the flush deadline on shutdown
    private Shard[] _shards = [];
    private long _samplesIn;
    private Task _reshardLoop = Task.CompletedTask;
    private Task _metadataLoop = Task.CompletedTask;

    public QueueManager(RemoteWriteConfig config, IReadOnlyList<Label> externalLabels, RemoteWriteClient client, QueueMetrics metrics,
        TimeProvider time, ILogger logger)
    {
        _config = config;
        _externalLabels = externalLabels;
        _client = client;
        _settings = QueueSettings.From(config.QueueConfig);
        Metrics = metrics;
        _time = time;
        _logger = logger;
    }

    public QueueMetrics Metrics { get; }
    public RemoteWriteConfig Config => _config;

    /// <summary>How long <see cref="DisposeAsync"/> lets the shards send what is queued before abandoning it (Prometheus: 1m).</summary>
    public TimeSpan FlushDeadline { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Series known from the WAL (dropped ones included), for tests and status.</summary>
    public int SeriesCount => _series.Count;

    public void Start()
    {
        int shards = Math.Clamp(_config.QueueConfig.MinShards, 1, Math.Max(1, _config.QueueConfig.MaxShards));
        StartShards(shards);
        Metrics.DesiredShards = shards;
        _reshardLoop = Task.Run(ReshardLoopAsync, CancellationToken.None);
        _metadataLoop = Task.Run(MetadataLoopAsync, CancellationToken.None);
    }

    /// <summary>Caches series records: external labels added, write_relabel_configs applied once per series.</summary>
    public void StoreSeries(ReadOnlySpan<RefSeries> series, int segment)
    {
        foreach (ref readonly RefSeries s in series)
        {
            Labels? labels = Relabel(s.Labels);
            _series[s.Ref.Value] = (labels, labels is null ? null : TimeSeriesWriter.EncodeLabels(labels), segment);
        }
    }

    /// <summary>Forgets series last seen in a segment before <paramref name="segment"/> (a checkpoint through it was read).</summary>
    public void SeriesReset(int segment)
    {
        List<ulong>? gone = null;
        foreach (var (r, entry) in _series)
        {
            if (entry.Segment < segment) (gone ??= []).Add(r);
        }
        if (gone is null) return;
        foreach (ulong r in gone) _series.Remove(r);
    }

    /// <summary>
    /// Queues samples to their series' shards, waiting while a shard is full. Samples of series the WAL never named are
    /// dropped and counted; samples of series write_relabel_configs dropped are skipped silently, as Prometheus does.
    /// Returns false if stopped while waiting.
    /// </summary>
    public async ValueTask<bool> AppendAsync(RefSample[] samples, int count, CancellationToken stop)
    {
        int dropped = 0, queued = 0;
        long ageLimitMs = _config.QueueConfig.SampleAgeLimit > TimeSpan.Zero
            ? _time.GetUtcNow().ToUnixTimeMilliseconds() - (long)_config.QueueConfig.SampleAgeLimit.TotalMilliseconds
            : long.MinValue;
        // Counted pending once per call, before any can be sent (so the gauge never goes below zero); corrected at the end
        // for the samples that were not queued.
        Metrics.AddPending(count);
        try
        {
            if (Metrics.DesiredShards != _shards.Length) await ReshardAsync(Metrics.DesiredShards);
            Shard[] shards = _shards;
            for (int i = 0; i < count; i++)
            {
                RefSample s = samples[i];
                if (!_series.TryGetValue(s.Ref.Value, out var entry))
                {
                    dropped++;
                    continue;
                }
                if (entry.Labels is null) continue;
                if (s.T < ageLimitMs)
                {
                    dropped++;
                    continue;
                }
                var item = new SeriesSample(entry.Labels, s.T, s.V, entry.Encoded);
                Shard shard = shards.Length == 1 ? shards[0] : shards[(int)(entry.Labels.Hash % (uint)shards.Length)];
                while (!shard.TryEnqueue(item))
                {
                    // Fast path above; here the shard's queue is full: wait, the WAL keeps the rest.
                    if (!await shard.WaitToEnqueueAsync(stop)) return false;
                }
                queued++;
            }
            return true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            if (queued < count) Metrics.AddPending(queued - count);
            Interlocked.Add(ref _samplesIn, queued);
            if (dropped > 0) Metrics.SamplesDropped.Add(dropped);
        }
    }

    private Labels? Relabel(Labels labels)
    {
        if (_externalLabels.Count > 0)
        {
            // External labels do not override a series' own labels (Prometheus's processExternalLabels).
            var builder = labels.ToBuilder();
            foreach (Label l in _externalLabels)
            {
                if (!labels.Has(l.Name)) builder.Set(l.Name, l.Value);
            }
            labels = builder.Build();
        }
        if (_config.WriteRelabelConfigs.Count == 0) return labels;
        Labels? result = Relabeler.Process(labels, _config.WriteRelabelConfigs);
        return result is null || result.Count == 0 ? null : result;
    }

    private void StartShards(int n)
    {
        var logger = _logger;
        _shards = new Shard[n];
        for (int i = 0; i < n; i++)
        {
            _shards[i] = new Shard(_client, Metrics, _settings, _stats, _time, logger);
            _shards[i].Start(_stop.Token);
        }
        Metrics.Shards = n;
    }

    /// <summary>Flushes every shard (order kept: nothing new is queued meanwhile) and starts <paramref name="n"/> new ones.</summary>
    private async Task ReshardAsync(int n)
    {
        Log.Resharding(_logger, Metrics.RemoteName, _shards.Length, n);
        await StopShardsAsync();
        StartShards(n);
    }

    private async Task StopShardsAsync()
    {
        var tasks = new Task[_shards.Length];
        for (int i = 0; i < _shards.Length; i++) tasks[i] = _shards[i].Complete();
        await Task.WhenAll(tasks);
    }

    private async Task ReshardLoopAsync()
    {
        using var timer = new PeriodicTimer(ReshardPolicy.UpdatePeriod, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) UpdateDesiredShards();
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One resharding decision from the last period's counts (also called by tests with a fake clock).</summary>
    internal void UpdateDesiredShards()
    {
        long samplesIn = Interlocked.Exchange(ref _samplesIn, 0);
        var (sent, sendSeconds) = _stats.Take();
        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        bool healthy = _stats.LastSuccessMs >= now - (long)(2 * ReshardPolicy.UpdatePeriod.TotalMilliseconds);
        int desired = _policy.Update(samplesIn, sent, sendSeconds, Metrics.Pending, healthy, Metrics.Shards,
            Math.Max(1, _config.QueueConfig.MinShards), Math.Max(1, _config.QueueConfig.MaxShards));
        Metrics.DesiredShards = desired;
    }

    /// <summary>
    /// Stops: lets the shards send what is queued for up to <see cref="FlushDeadline"/>, then abandons the rest (it is
    /// still in the WAL, but a restarted queue starts reading at the WAL's end, as Prometheus's does).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var flush = StopShardsAsync();
        if (await Task.WhenAny(flush, Task.Delay(FlushDeadline, _time)) != flush)
        {
            Log.FlushAbandoned(_logger, Metrics.RemoteName, Metrics.Pending);
        }
        await _stop.CancelAsync();
        try
        {
            await flush;
            await _reshardLoop;
            await _metadataLoop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Remote write {Queue}: resharding from {From} to {To} shards")]
        public static partial void Resharding(ILogger logger, string queue, int from, int to);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Remote write {Queue}: stopped with {Count} samples unsent after the flush deadline")]
        public static partial void FlushAbandoned(ILogger logger, string queue, long count);
    }
}
