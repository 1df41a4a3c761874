using Argus.Model;

namespace Argus.Collect.KubeEvents;

/// <summary>
/// Kubernetes warnings as signals: the counter argus_kube_event_total{namespace,kind,name,reason} and, per object, the
/// few most recent warnings with their messages, for attaching to notifications. Fed by <see cref="KubeEventWatcher"/>
/// from core/v1 Events (type Warning) and from pod status (waiting reasons such as CrashLoopBackOff and
/// ImagePullBackOff, OOMKilled terminations, evictions), which the kubelet does not always report as events.
/// <para>
/// Bounded (see <see cref="KubeEventOptions"/>): a series and an object's recent list live <c>SeriesTtl</c> after their
/// last event, and at most <c>MaxSeries</c> series and as many objects exist at once. Thread-safe; the decisions take
/// <c>now</c> from the caller.
/// </para>
/// </summary>
public sealed class KubeEventIndex : ICollector
{
    public const string EventTotal = "argus_kube_event_total";
    public const string SeriesDroppedTotal = "argus_kube_event_series_dropped_total";

    private readonly KubeEventOptions _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<(KubeObjectRef Obj, string Reason), Series> _series = [];
    private readonly Dictionary<KubeObjectRef, List<KubeRecentEvent>> _recent = [];
    private long _dropped;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    public KubeEventIndex(KubeEventOptions? options = null) => _options = options ?? new KubeEventOptions();

    public KubeEventOptions Options => _options;

    /// <summary>Series currently held.</summary>
    public int SeriesCount { get { lock (_lock) return _series.Count; } }

    /// <summary>
    /// Records one warning about <paramref name="obj"/>: adds <paramref name="increment"/> (0 for a repeat already counted)
    /// to its reason's series, and puts the warning, identified by <paramref name="id"/>, at the top of the object's
    /// recent list with its total <paramref name="count"/> (0: the entry's previous count plus the increment).
    /// </summary>
    public void Record(KubeObjectRef obj, string id, string reason, string message, long increment, long count, DateTimeOffset now)
    {
        reason = Cut(reason, 128);
        message = Cut(message, _options.MaxMessageLength);
        lock (_lock)
        {
            PruneIfDue(now);
            if (increment > 0)
            {
                var key = (obj, reason);
                if (_series.TryGetValue(key, out var s))
                {
                    s.Value += increment;
                    s.LastIncrement = now;
                }
                else if (_series.Count < _options.MaxSeries)
                {
                    _series[key] = new Series { Value = increment, LastIncrement = now };
                }
                else
                {
                    _dropped++;
                }
            }
            if (!_recent.TryGetValue(obj, out var list))
            {
                if (_recent.Count >= _options.MaxSeries) return;
                _recent[obj] = list = [];
            }
            int at = list.FindIndex(e => e.Id == id);
            if (count <= 0) count = (at >= 0 ? list[at].Count : 0) + Math.Max(increment, 1);
            if (at >= 0) list.RemoveAt(at);
            list.Insert(0, new KubeRecentEvent(id, reason, message, count, now));
            if (list.Count > _options.EventsPerObject) list.RemoveRange(_options.EventsPerObject, list.Count - _options.EventsPerObject);
        }
    }

    /// <summary>The object's recent warnings, newest first; empty when none is kept.</summary>
    public IReadOnlyList<KubeRecentEvent> Recent(KubeObjectRef obj)
    {
        lock (_lock) return _recent.TryGetValue(obj, out var list) ? [.. list] : [];
    }

    /// <summary>Objects of <paramref name="kind"/> in <paramref name="namespace"/> with recent warnings.</summary>
    public IReadOnlyList<KubeObjectRef> ObjectsWithWarnings(string @namespace, string kind)
    {
        lock (_lock) return [.. _recent.Keys.Where(o => o.Namespace == @namespace && o.Kind == kind)];
    }

    /// <summary>The current value of one series, 0 when absent (for tests and status pages).</summary>
    public long Value(KubeObjectRef obj, string reason)
    {
        lock (_lock) return _series.TryGetValue((obj, reason), out var s) ? s.Value : 0;
    }

    /// <summary>Drops series and recent lists idle for longer than the TTL. Called by <see cref="Record"/> once a minute.</summary>
    public void Prune(DateTimeOffset now)
    {
        lock (_lock)
        {
            _lastPrune = now;
            var cutoff = now - _options.SeriesTtl;
            foreach (var (key, s) in _series)
            {
                if (s.LastIncrement < cutoff) _series.Remove(key);
            }
            foreach (var (obj, list) in _recent)
            {
                list.RemoveAll(e => e.LastSeen < cutoff);
                if (list.Count == 0) _recent.Remove(obj);
            }
        }
    }

    public void Collect(List<MetricFamily> into)
    {
        var points = new List<MetricPoint>();
        long dropped;
        lock (_lock)
        {
            foreach (var ((obj, reason), s) in _series)
            {
                points.Add(new MetricPoint(Labels.FromStrings(Labels.MetricName, EventTotal,
                    "namespace", obj.Namespace, "kind", obj.Kind, "name", obj.Name, "reason", reason), s.Value));
            }
            dropped = _dropped;
        }
        into.Add(new MetricFamily(EventTotal, MetricType.Counter,
            "Kubernetes warnings per object and reason: Warning events, and container waiting/termination reasons and evictions from pod status.", points));
        into.Add(new MetricFamily(SeriesDroppedTotal, MetricType.Counter,
            "Warnings not counted because argus_kube_event_total was at its series limit.",
            [new MetricPoint(Labels.FromStrings(Labels.MetricName, SeriesDroppedTotal), dropped)]));
    }

    private void PruneIfDue(DateTimeOffset now)
    {
        if (now - _lastPrune >= TimeSpan.FromMinutes(1)) Prune(now);
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private sealed class Series
    {
        public long Value;
        public DateTimeOffset LastIncrement;
    }
}
