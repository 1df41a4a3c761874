namespace Argus.Collect.KubeEvents;

/// <summary>A warning read from pod status: the container it concerns ("" for the pod), the reason and a message.</summary>
public readonly record struct KubePodSignal(string Container, string Reason, string Message);
