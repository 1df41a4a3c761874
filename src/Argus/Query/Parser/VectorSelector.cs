using Argus.Model;

namespace Argus.Query.Parser;

/// <summary>
/// An instant vector selector <c>name{matchers} offset d @ t</c>. <see cref="Name"/> is the metric name written outside
/// the braces (or empty); as in Prometheus it also appears as the last matcher (<c>__name__="name"</c>) in
/// <see cref="Matchers"/>. <see cref="OffsetMs"/> is the original offset (negative = into the future);
/// <see cref="Timestamp"/> the <c>@</c> time in ms, or <see cref="At"/> for <c>@ start()</c>/<c>@ end()</c>.
/// </summary>
public sealed class VectorSelector(
    string name,
    IReadOnlyList<Matcher> matchers,
    PositionRange positionRange,
    long offsetMs = 0,
    long? timestamp = null,
    AtModifier at = AtModifier.None) : Expr(positionRange)
{
    public string Name { get; } = name;
    public IReadOnlyList<Matcher> Matchers { get; } = matchers;
    public long OffsetMs { get; } = offsetMs;
    public long? Timestamp { get; } = timestamp;
    public AtModifier At { get; } = at;
    public override ValueType Type => ValueType.Vector;
    public override IReadOnlyList<Expr> Children => [];
    public override TResult Accept<TResult>(ExprVisitor<TResult> visitor) => visitor.VisitVectorSelector(this);

    internal VectorSelector With(PositionRange range, long offsetMs, long? timestamp, AtModifier at) =>
        new(Name, Matchers, range, offsetMs, timestamp, at);
}
