namespace Argus.Collect.KubeEvents;

/// <summary>The object an event is about (core/v1 Event <c>involvedObject</c>): namespace ("" for cluster-scoped), kind
/// (<c>Pod</c>, <c>Deployment</c> …) and name. The key of the recent-events index and of argus_kube_event_total.</summary>
public readonly record struct KubeObjectRef(string Namespace, string Kind, string Name)
{
    public override string ToString() => Namespace.Length > 0 ? $"{Kind} {Namespace}/{Name}" : $"{Kind} {Name}";
}
