namespace Argus.Config;

/// <summary>One configuration problem at a place in a file; prints as <c>prometheus.yml:23:7: message</c>
/// (or <c>prometheus.yml: message</c> when no position is known).</summary>
public sealed record ConfigError(string File, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}
