namespace Argus.Config;

/// <summary>
/// One relabelling step (model/relabel Config). Defaults are Prometheus's: separator <c>;</c>, regex <c>(.*)</c>,
/// replacement <c>$1</c>, action <c>replace</c>. Validated by the loader against Prometheus's rules for each action.
/// </summary>
public sealed record RelabelConfig
{
    public const string DefaultSeparator = ";";
    public const string DefaultReplacement = "$1";

    public IReadOnlyList<string> SourceLabels { get; init; } = [];
    public string Separator { get; init; } = DefaultSeparator;
    public RelabelRegex Regex { get; init; } = RelabelRegex.Default;
    public ulong Modulus { get; init; }
    public string? TargetLabel { get; init; }
    public string Replacement { get; init; } = DefaultReplacement;
    public RelabelAction Action { get; init; } = RelabelAction.Replace;
}
