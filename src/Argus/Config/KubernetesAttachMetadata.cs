namespace Argus.Config;

/// <summary>Extra objects whose metadata is attached to targets: the node (pod, endpoints, endpointslice roles) and the namespace.</summary>
public sealed record KubernetesAttachMetadata
{
    public bool Node { get; init; }
    public bool Namespace { get; init; }
}
