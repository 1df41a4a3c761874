namespace Argus.Query.Parser;

/// <summary>
/// A subquery <c>expr[range:step] offset d @ t</c>. <see cref="StepMs"/> is 0 when omitted (the engine then uses the
/// global evaluation interval).
/// </summary>
public sealed class SubqueryExpr(
    Expr expr,
    long rangeMs,
    long stepMs,
    PositionRange positionRange,
    long offsetMs = 0,
    long? timestamp = null,
    AtModifier at = AtModifier.None) : Expr(positionRange)
{
    public Expr Expr { get; } = expr;
    public long RangeMs { get; } = rangeMs;
    public long StepMs { get; } = stepMs;
    public long OffsetMs { get; } = offsetMs;
    public long? Timestamp { get; } = timestamp;
    public AtModifier At { get; } = at;
    public override ValueType Type => ValueType.Matrix;
    public override IReadOnlyList<Expr> Children => [Expr];
    public override TResult Accept<TResult>(ExprVisitor<TResult> visitor) => visitor.VisitSubqueryExpr(this);

    internal SubqueryExpr With(PositionRange range, long offsetMs, long? timestamp, AtModifier at) =>
        new(Expr, RangeMs, StepMs, range, offsetMs, timestamp, at);
}
