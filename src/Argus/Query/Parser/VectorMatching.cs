namespace Argus.Query.Parser;

/// <summary>
/// The <c>on</c>/<c>ignoring</c> and <c>group_left</c>/<c>group_right</c> modifiers of a binary operation between two
/// instant vectors. <see cref="MatchingLabels"/> are the labels in <c>on(...)</c> (when <see cref="On"/>) or in
/// <c>ignoring(...)</c>; <see cref="Include"/> are the extra labels copied from the "one" side by a group modifier.
/// </summary>
public sealed class VectorMatching(VectorMatchCardinality card, IReadOnlyList<string> matchingLabels, bool on, IReadOnlyList<string> include)
{
    public VectorMatchCardinality Card { get; } = card;
    public IReadOnlyList<string> MatchingLabels { get; } = matchingLabels;
    public bool On { get; } = on;
    public IReadOnlyList<string> Include { get; } = include;
}
