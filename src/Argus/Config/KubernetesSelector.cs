namespace Argus.Config;

/// <summary>A label and/or field selector applied to the watch of one role's objects.</summary>
public sealed record KubernetesSelector
{
    public string Role { get; init; } = "";
    public string? Label { get; init; }
    public string? Field { get; init; }
}
