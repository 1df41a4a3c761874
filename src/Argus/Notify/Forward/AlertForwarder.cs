using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Argus.Config;
using Argus.Config.Http;
using Argus.Notify.Receivers.Webhook;
using Argus.Telemetry;
using Microsoft.Extensions.Logging;

namespace Argus.Notify.Forward;

/// <summary>
/// Sends Argus's own alerts to the external Alertmanagers of <c>alerting.alertmanagers</c>, as Prometheus's notifier does
/// (notifier/manager.go): a bounded queue (--alertmanager.notification-queue-capacity, 10000) that drops the oldest alerts
/// when full and counts them, batches of at most 256 alerts POSTed as JSON to every Alertmanager of every
/// <see cref="AlertmanagerSet"/> (after that entry's alert_relabel_configs), each request bounded by the entry's timeout.
/// Where the Alertmanagers are comes from service discovery through <see cref="AlertmanagerSet.Sync"/> (the composition
/// root runs the discoverers); a batch counts as dropped when some entry that had Alertmanagers accepted it at none of
/// them. Metrics use Prometheus's names (prometheus_notifications_*).
/// </summary>
public sealed partial class AlertForwarder : IAsyncDisposable
{
    public const int DefaultQueueCapacity = 10000;
    public const int MaxBatchSize = 256;

    private readonly Channel<Alert> _queue;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<AlertmanagerConfig, HttpClient> _httpClients;
    private readonly RelabelProcessor _relabel;
    private readonly Counter _dropped;
    private readonly CounterVec _sent, _errors;
    private readonly Histogram _latency;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _applyLock = new();
    private volatile IReadOnlyList<AlertmanagerSet> _sets = [];
    private Task? _loop;
    private int _queued;

    /// <param name="relabel">Applies relabel_configs and alert_relabel_configs (Collect's Relabeler.Process).</param>
    public AlertForwarder(AlertingConfig config, RelabelProcessor relabel, TimeProvider time, MetricsRegistry registry, ILogger logger,
        Func<AlertmanagerConfig, HttpClient>? httpClients = null, int queueCapacity = DefaultQueueCapacity)
    {
        _relabel = relabel;
        _time = time;
        _logger = logger;
        _httpClients = httpClients ?? (c => HttpClientBuilder.Build(c, Directory.GetCurrentDirectory()));
        _dropped = registry.Counter("prometheus_notifications_dropped_total", "Total number of alerts dropped due to errors when sending to Alertmanager.");
        _sent = registry.CounterVec("prometheus_notifications_sent_total", "Total number of alerts sent.", "alertmanager");
        _errors = registry.CounterVec("prometheus_notifications_errors_total", "Total number of sent alerts affected by errors.", "alertmanager");
        _latency = registry.Histogram("prometheus_notifications_latency_seconds", "Latency quantiles for sending alert notifications.");
        registry.Gauge("prometheus_notifications_alertmanagers_discovered", "The number of alertmanagers discovered and active.",
            () => Alertmanagers().Count);
        registry.Gauge("prometheus_notifications_queue_capacity", "The capacity of the alert notifications queue.").Set(queueCapacity);
        registry.Gauge("prometheus_notifications_queue_length", "The number of alert notifications in the queue.", () => Volatile.Read(ref _queued));
        _queue = Channel.CreateBounded<Alert>(new BoundedChannelOptions(queueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ =>
            {
                _dropped.Inc();
                Interlocked.Decrement(ref _queued);
            });
        ApplyConfig(config);
    }

    /// <summary>
    /// Replaces the Alertmanager entries (notifier.Manager.ApplyConfig). An entry whose YAML is unchanged keeps the
    /// Alertmanagers it had discovered until its discovery reports again, so a reload does not pause sending.
    /// </summary>
    public void ApplyConfig(AlertingConfig config)
    {
        lock (_applyLock)
        {
            var previous = _sets.ToList();
            var sets = new List<AlertmanagerSet>(config.Alertmanagers.Count);
            for (int i = 0; i < config.Alertmanagers.Count; i++)
            {
                var c = config.Alertmanagers[i];
                var set = new AlertmanagerSet("config-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), c, _httpClients(c),
                    _relabel, _logger);
                int old = previous.FindIndex(p => p.ConfigHash == set.ConfigHash);
                if (old >= 0)
                {
                    set.TakeOver(previous[old]);
                    previous.RemoveAt(old);
                }
                sets.Add(set);
            }
            _sets = sets;
        }
    }

    /// <summary>The entries of <c>alerting.alertmanagers</c>, in order; replaced as a whole by <see cref="ApplyConfig"/>.</summary>
    public IReadOnlyList<AlertmanagerSet> Sets => _sets;

    /// <summary>The URLs alerts are sent to, over all entries (notifier.Manager.Alertmanagers, /api/v1/alertmanagers).</summary>
    public IReadOnlyList<string> Alertmanagers() => [.. _sets.SelectMany(s => s.Active).Select(a => a.Url)];

    /// <summary>The URLs of Alertmanagers dropped by relabel_configs (notifier.Manager.DroppedAlertmanagers).</summary>
    public IReadOnlyList<string> DroppedAlertmanagers() => [.. _sets.SelectMany(s => s.Dropped).Select(a => a.Url)];

    /// <summary>Queues alerts for sending; never blocks (the oldest queued alerts are dropped when full).</summary>
    public void Send(IReadOnlyList<Alert> alerts)
    {
        foreach (var a in alerts)
        {
            Interlocked.Increment(ref _queued);
            _queue.Writer.TryWrite(a);
        }
    }

    public void Start() => _loop = RunAsync(_stop.Token);

    private async Task RunAsync(CancellationToken stop)
    {
        var batch = new List<Alert>(MaxBatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stop))
            {
                batch.Clear();
                while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var a))
                {
                    batch.Add(a);
                    Interlocked.Decrement(ref _queued);
                }
                await SendBatchAsync(batch, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// POSTs one batch to every Alertmanager of every entry (notifier.Manager.sendAll); returns how many accepted it. The
    /// batch is counted as dropped when an entry that had Alertmanagers (and alerts left after its alert_relabel_configs)
    /// got it into none of them.
    /// </summary>
    public async Task<int> SendBatchAsync(IReadOnlyList<Alert> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return 0;
        byte[]? shared = null;
        var perSet = new List<Task<bool[]>>();
        foreach (var set in _sets)
        {
            var targets = set.Active;
            if (targets.Count == 0) continue;
            IReadOnlyList<Alert> alerts = batch;
            byte[] body;
            if (set.Config.AlertRelabelConfigs.Count > 0)
            {
                alerts = RelabelAlerts(batch, set.Config.AlertRelabelConfigs);
                if (alerts.Count == 0) continue;
                body = Serialize(alerts);
            }
            else
            {
                body = shared ??= Serialize(batch);
            }
            var sends = new Task<bool>[targets.Count];
            for (int i = 0; i < targets.Count; i++)
            {
                sends[i] = PostAsync(set.Http, targets[i].Url, set.Config.Timeout, body, alerts.Count, ct);
            }
            perSet.Add(Task.WhenAll(sends));
        }
        var results = await Task.WhenAll(perSet);
        if (results.Any(r => !r.Contains(true))) _dropped.Add(batch.Count);
        return results.Sum(r => r.Count(ok => ok));
    }

    /// <summary>An entry's alert_relabel_configs (notifier.relabelAlerts without external labels): dropped alerts are left
    /// out, changed ones copied.</summary>
    private List<Alert> RelabelAlerts(IReadOnlyList<Alert> alerts, IReadOnlyList<RelabelConfig> configs)
    {
        var result = new List<Alert>(alerts.Count);
        foreach (var a in alerts)
        {
            var lb = a.Labels.ToBuilder();
            if (!_relabel(lb, configs)) continue;
            var labels = lb.Build();
            result.Add(labels.Equals(a.Labels) ? a : a with { Labels = labels });
        }
        return result;
    }

    private async Task<bool> PostAsync(HttpClient http, string url, TimeSpan timeout, byte[] body, int count, CancellationToken ct)
    {
        long start = _time.GetTimestamp();
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("User-Agent", "Argus/" + VersionInfo.Version);
            using var response = await http.SendAsync(request, linked.Token);
            if ((int)response.StatusCode / 100 != 2)
            {
                throw new HttpRequestException($"bad response status {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            _sent.WithLabels(url).Add(count);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or UriFormatException or NotSupportedException or InvalidOperationException
            or OperationCanceledException && !ct.IsCancellationRequested)
        {
            _errors.WithLabels(url).Add(count);
            _sent.WithLabels(url).Add(count);
            Log.SendFailed(_logger, url, count, e.Message);
            return false;
        }
        finally
        {
            _latency.Observe(_time.GetElapsedTime(start).TotalSeconds);
        }
    }

    /// <summary>The body Prometheus posts: <c>[{labels, annotations, startsAt, endsAt, generatorURL}]</c>.</summary>
    public static byte[] Serialize(IReadOnlyList<Alert> alerts)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var a in alerts)
            {
                w.WriteStartObject();
                WebhookMessage.WriteLabels(w, "labels", a.Labels);
                WebhookMessage.WriteLabels(w, "annotations", a.Annotations);
                if (a.StartsAt != default) w.WriteString("startsAt", GoTime.Format(a.StartsAt));
                if (a.EndsAt != default) w.WriteString("endsAt", GoTime.Format(a.EndsAt));
                w.WriteString("generatorURL", a.GeneratorUrl);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return buffer.ToArray();
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Error sending {Count} alerts to Alertmanager {Alertmanager}: {Reason}")]
        public static partial void SendFailed(ILogger logger, string alertmanager, int count, string reason);
    }
}
