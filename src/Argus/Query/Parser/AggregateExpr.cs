namespace Argus.Query.Parser;

/// <summary>
/// <c>op [by|without (labels)] ([param,] expr)</c>. <see cref="Param"/> is set for topk, bottomk, quantile, count_values,
/// limitk and limit_ratio. <see cref="Grouping"/> lists the by/without labels.
/// </summary>
public sealed class AggregateExpr(AggregationOp op, Expr expr, Expr? param, IReadOnlyList<string> grouping, bool without, PositionRange positionRange)
    : Expr(positionRange)
{
    public AggregationOp Op { get; } = op;
    public Expr Expr { get; } = expr;
    public Expr? Param { get; } = param;
    public IReadOnlyList<string> Grouping { get; } = grouping;
    public bool Without { get; } = without;
    public override ValueType Type => ValueType.Vector;
    public override IReadOnlyList<Expr> Children => Param is null ? [Expr] : [Param, Expr];
    public override TResult Accept<TResult>(ExprVisitor<TResult> visitor) => visitor.VisitAggregateExpr(this);
}
