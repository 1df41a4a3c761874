namespace Argus.Config;

/// <summary>A label and/or field selector applied to the watch of one role's objects.</summary>
public sealed record KubernetesSelector
{
    public string Role { get; init => field = value ?? ""; } = ""; // YAML `key:` with no value is null; Go reads it as ""
    public string? Label { get; init; }
    public string? Field { get; init; }
}
