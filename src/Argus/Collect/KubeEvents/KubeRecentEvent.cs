namespace Argus.Collect.KubeEvents;

/// <summary>
/// One warning about an object as the index keeps it: the event's reason and message (or, for a signal read from pod
/// status, the container and its state), how often it was seen and when last. <paramref name="Id"/> is the Event's UID,
/// or <c>status/&lt;container&gt;/&lt;reason&gt;</c> for a pod-status signal, so a repeated event updates its entry.
/// </summary>
public sealed record KubeRecentEvent(string Id, string Reason, string Message, long Count, DateTimeOffset LastSeen);
