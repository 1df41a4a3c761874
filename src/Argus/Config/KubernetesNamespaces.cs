namespace Argus.Config;

/// <summary>Which namespaces a Kubernetes SD watches; omitted means all namespaces.</summary>
public sealed record KubernetesNamespaces
{
    public bool OwnNamespace { get; init; }
    public IReadOnlyList<string> Names { get; init; } = [];
}
