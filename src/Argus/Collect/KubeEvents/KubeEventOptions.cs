namespace Argus.Collect.KubeEvents;

/// <summary>
/// Bounds of the event signals (docs/kubernetes.md, "Events as signals"). argus_kube_event_total has one series per
/// (namespace, kind, name, reason) of a Warning: names churn with pods, so a series that has not moved for
/// <see cref="SeriesTtl"/> is dropped (Kubernetes itself keeps events one hour by default) and at most
/// <see cref="MaxSeries"/> exist at once; what does not fit is counted in argus_kube_event_series_dropped_total.
/// </summary>
public sealed record KubeEventOptions
{
    /// <summary>Longest life of a series or recent-events entry after its last event: the API server's default --event-ttl.</summary>
    public TimeSpan SeriesTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Series cap: 10,000 × ~200 bytes per head series keeps the worst case near 2 MB.</summary>
    public int MaxSeries { get; init; } = 10_000;

    /// <summary>Recent warnings kept per object, newest first in reports; a Slack section shows these.</summary>
    public int EventsPerObject { get; init; } = 5;

    /// <summary>Reasons and messages are cut to this length (a message can be kilobytes of scheduler output).</summary>
    public int MaxMessageLength { get; init; } = 300;
}
