namespace Argus.Config;

/// <summary>One entry of <c>static_configs</c> (and of a file SD file): <c>host:port</c> targets sharing a set of labels.</summary>
public sealed record StaticConfig
{
    public IReadOnlyList<string> Targets { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
