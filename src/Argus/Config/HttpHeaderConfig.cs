namespace Argus.Config;

/// <summary>Values of one custom header: plain <c>values</c>, <c>secrets</c> (redacted when echoed) and <c>files</c> read per request.</summary>
public sealed record HttpHeaderConfig
{
    public IReadOnlyList<string> Values { get; init; } = [];
    public IReadOnlyList<Secret> Secrets { get; init; } = [];
    public IReadOnlyList<string> Files { get; init; } = [];
}
