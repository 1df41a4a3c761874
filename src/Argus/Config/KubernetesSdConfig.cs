namespace Argus.Config;

/// <summary>Kubernetes service discovery (discovery/kubernetes SDConfig): parsed and validated here, run by Collect/Discovery.</summary>
public sealed record KubernetesSdConfig : HttpClientConfig
{
    public static readonly IReadOnlyList<string> Roles = ["endpoints", "endpointslice", "ingress", "node", "pod", "service"];

    /// <summary>One of <see cref="Roles"/>; required.</summary>
    public string Role { get; init => field = value ?? ""; } = ""; // YAML `key:` with no value is null; Go reads it as ""

    /// <summary>Omitted together with <see cref="KubeconfigFile"/> means in-cluster configuration.</summary>
    public string? ApiServer { get; init; }
    public string? KubeconfigFile { get; init; }
    public KubernetesNamespaces? Namespaces { get; init; }
    public IReadOnlyList<KubernetesSelector> Selectors { get; init; } = [];
    public KubernetesAttachMetadata? AttachMetadata { get; init; }
}
