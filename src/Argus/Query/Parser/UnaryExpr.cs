namespace Argus.Query.Parser;

/// <summary>Unary <c>-expr</c> or <c>+expr</c> (<see cref="Op"/> is Sub or Add). Signs on number literals are folded into the literal.</summary>
public sealed class UnaryExpr(BinaryOp op, Expr expr, PositionRange positionRange) : Expr(positionRange)
{
    public BinaryOp Op { get; } = op;
    public Expr Expr { get; } = expr;
    public override ValueType Type => Expr.Type;
    public override IReadOnlyList<Expr> Children => [Expr];
    public override TResult Accept<TResult>(ExprVisitor<TResult> visitor) => visitor.VisitUnaryExpr(this);
}
