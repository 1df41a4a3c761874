namespace Argus.Query.Parser;

/// <summary>A parenthesized expression; kept in the tree so printing reproduces the grouping.</summary>
public sealed class ParenExpr(Expr expr, PositionRange positionRange) : Expr(positionRange)
{
    public Expr Expr { get; } = expr;
    public override ValueType Type => Expr.Type;
    public override IReadOnlyList<Expr> Children => [Expr];
    public override TResult Accept<TResult>(ExprVisitor<TResult> visitor) => visitor.VisitParenExpr(this);
}
