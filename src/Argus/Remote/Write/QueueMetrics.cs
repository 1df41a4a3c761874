using Argus.Model;
using Argus.Telemetry;

namespace Argus.Remote.Write;

/// <summary>
/// The self-metrics of one remote_write queue, labelled remote_name and url as Prometheus labels them
/// (storage/remote/queue_manager.go newQueueManagerMetrics). Counters and the batch-duration histogram are registry vectors
/// (served as argus_remote_storage_… and prometheus_remote_storage_…); the gauges are read by <see cref="Collect"/>.
/// Thread-safe.
/// </summary>
public sealed class QueueMetrics
{
    private static readonly string[] s_labelNames = ["remote_name", "url"];
    private readonly string[] _labelValues;
    private readonly MetricsRegistry _registry;
    private long _pending;
    private long _highestSentMs;
    private long _highestReadMs;
    private int _shards;
    private int _desiredShards;

    public QueueMetrics(MetricsRegistry registry, string remoteName, string url, int minShards, int maxShards, int capacity)
    {
        _registry = registry;
        RemoteName = remoteName;
        Url = url;
        _labelValues = [remoteName, url];
        MinShards = minShards;
        MaxShards = maxShards;
        Capacity = capacity;
        SamplesTotal = Vec("argus_remote_storage_samples_total", "Total number of samples sent to remote storage.");
        SamplesFailed = Vec("argus_remote_storage_samples_failed_total", "Total number of samples which failed on send to remote storage, non-recoverable errors.");
        SamplesRetried = Vec("argus_remote_storage_samples_retried_total", "Total number of samples which failed on send to remote storage but were retried because the send error was recoverable.");
        SamplesDropped = Vec("argus_remote_storage_samples_dropped_total", "Total number of samples which were dropped after being read from the WAL before being sent via remote write, either via relabelling or unintentionally because of an unknown reference ID.");
        MetadataTotal = Vec("argus_remote_storage_metadata_total", "Total number of metadata entries sent to remote storage.");
        MetadataFailed = Vec("argus_remote_storage_metadata_failed_total", "Total number of metadata entries which failed on send to remote storage, non-recoverable errors.");
        BytesTotal = Vec("argus_remote_storage_bytes_total", "The total number of bytes of data (not metadata) sent by the queue after compression.");
        SentBatchDuration = registry.HistogramVec("argus_remote_storage_sent_batch_duration_seconds",
            "Duration of send calls to the remote storage.", Histogram.DefaultBuckets.Concat([25.0, 60, 120, 300]).ToArray(), s_labelNames)
            .WithLabels(_labelValues);
    }

    public string RemoteName { get; }
    public string Url { get; }
    public int MinShards { get; }
    public int MaxShards { get; }
    public int Capacity { get; }
    public Counter SamplesTotal { get; }
    public Counter SamplesFailed { get; }
    public Counter SamplesRetried { get; }
    public Counter SamplesDropped { get; }
    public Counter MetadataTotal { get; }
    public Counter MetadataFailed { get; }
    public Counter BytesTotal { get; }
    public Histogram SentBatchDuration { get; }

    public long Pending => Interlocked.Read(ref _pending);
    public void AddPending(long delta) => Interlocked.Add(ref _pending, delta);

    /// <summary>Highest timestamp (ms) of a sample the receiver accepted.</summary>
    public long HighestSentMs => Interlocked.Read(ref _highestSentMs);

    public void ObserveSent(long ms) => Max(ref _highestSentMs, ms);

    private static void Max(ref long field, long ms)
    {
        long current;
        while (ms > (current = Interlocked.Read(ref field)))
        {
            if (Interlocked.CompareExchange(ref field, ms, current) == current) return;
        }
    }

    /// <summary>Highest timestamp (ms) read from the WAL: prometheus_remote_storage_highest_timestamp_in_seconds.</summary>
    public long HighestReadMs => Interlocked.Read(ref _highestReadMs);

    public void ObserveRead(long ms) => Max(ref _highestReadMs, ms);

    public int Shards
    {
        get => Volatile.Read(ref _shards);
        set => Volatile.Write(ref _shards, value);
    }

    public int DesiredShards
    {
        get => Volatile.Read(ref _desiredShards);
        set => Volatile.Write(ref _desiredShards, value);
    }

    /// <summary>Removes this queue's counter children (the queue was removed by a reload), as Prometheus unregisters them.</summary>
    public void Unregister()
    {
        foreach (string name in (string[])["argus_remote_storage_samples_total", "argus_remote_storage_samples_failed_total",
                     "argus_remote_storage_samples_retried_total", "argus_remote_storage_samples_dropped_total",
                     "argus_remote_storage_metadata_total", "argus_remote_storage_metadata_failed_total", "argus_remote_storage_bytes_total"])
        {
            _registry.CounterVec(name, "", s_labelNames).Remove(_labelValues);
        }
    }

    /// <summary>Adds this queue's gauge points to the families being collected, under both names.</summary>
    internal void Collect(Dictionary<string, (string Help, List<MetricPoint> Points)> gauges)
    {
        Add(gauges, "samples_pending", "The number of samples pending in the queues shards to be sent to the remote storage.", Pending);
        Add(gauges, "queue_highest_sent_timestamp_seconds",
            "Timestamp from a WAL sample, the highest timestamp successfully sent by this queue, in seconds since epoch.", HighestSentMs / 1000.0);
        Add(gauges, "shards", "The number of shards used for parallel sending to the remote storage.", Shards);
        Add(gauges, "shards_min", "The minimum number of shards that the queue is allowed to run.", MinShards);
        Add(gauges, "shards_max", "The maximum number of shards that the queue is allowed to run.", MaxShards);
        Add(gauges, "shards_desired", "The number of shards that the queues shard calculation wants to run based on the rate of samples in vs. samples out.", DesiredShards);
        Add(gauges, "shard_capacity", "The capacity of each shard of the queue used for parallel sending to the remote storage.", Capacity);
    }

    private void Add(Dictionary<string, (string Help, List<MetricPoint> Points)> gauges, string suffix, string help, double value)
    {
        string name = "prometheus_remote_storage_" + suffix;
        if (!gauges.TryGetValue(name, out var family)) gauges[name] = family = (help, []);
        family.Points.Add(new MetricPoint(Labels.FromStrings(Labels.MetricName, name, "remote_name", RemoteName, "url", Url), value));
    }

    private Counter Vec(string name, string help) => _registry.CounterVec(name, help, s_labelNames).WithLabels(_labelValues);
}
