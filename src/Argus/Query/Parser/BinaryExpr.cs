namespace Argus.Query.Parser;

/// <summary>
/// <c>lhs op [bool] [on|ignoring(...)] [group_left|group_right(...)] rhs</c>. <see cref="VectorMatching"/> is null unless
/// both sides are instant vectors (as Prometheus's type check leaves it); set operators always match many-to-many.
/// </summary>
public sealed class BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, VectorMatching? vectorMatching, bool returnBool, PositionRange positionRange)
    : Expr(positionRange)
{
    public BinaryOp Op { get; } = op;
    public Expr Lhs { get; } = lhs;
    public Expr Rhs { get; } = rhs;
    public VectorMatching? VectorMatching { get; } = vectorMatching;
    public bool ReturnBool { get; } = returnBool;

    public override ValueType Type =>
        Lhs.Type == ValueType.Scalar && Rhs.Type == ValueType.Scalar ? ValueType.Scalar : ValueType.Vector;

    public override IReadOnlyList<Expr> Children => [Lhs, Rhs];
    public override TResult Accept<TResult>(ExprVisitor<TResult> visitor) => visitor.VisitBinaryExpr(this);
}
