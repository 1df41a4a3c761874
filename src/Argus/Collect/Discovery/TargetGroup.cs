using Argus.Model;

namespace Argus.Collect.Discovery;

/// <summary>
/// A set of targets from one discovery source (discovery/targetgroup Group). Each target is its own label set (at least
/// <c>__address__</c>); <paramref name="GroupLabels"/> apply to all targets unless a target sets the same name. Updates are
/// keyed by <paramref name="Source"/>: a later group with the same source replaces the earlier one, and a group with no
/// targets removes it.
/// </summary>
public sealed record TargetGroup(string Source, IReadOnlyList<Labels> Targets, Labels GroupLabels)
{
    /// <summary>An empty group: tells consumers that <paramref name="source"/> has no targets any more.</summary>
    public static TargetGroup Removed(string source) => new(source, [], Labels.Empty);
}
