namespace Argus.Query.Parser;

/// <summary>A string literal, unquoted (escapes resolved).</summary>
public sealed class StringLiteral(string value, PositionRange positionRange) : Expr(positionRange)
{
    public string Value { get; } = value;
    public override ValueType Type => ValueType.String;
    public override IReadOnlyList<Expr> Children => [];
    public override TResult Accept<TResult>(ExprVisitor<TResult> visitor) => visitor.VisitStringLiteral(this);
}
