namespace Argus.Collect.KubeEvents;

/// <summary>What the cluster says about one object an alert names: a title (<c>Pod shop/web-1</c>) and plain-text lines
/// (container states, then recent warnings, newest first). The notifier escapes and formats them.</summary>
public sealed record KubeObjectReport(string Title, IReadOnlyList<string> Lines);
