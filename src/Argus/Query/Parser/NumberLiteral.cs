namespace Argus.Query.Parser;

/// <summary>A float literal. <see cref="IsDuration"/> marks one written as a duration (<c>1h</c> = 3600), printed back as such.</summary>
public sealed class NumberLiteral(double value, PositionRange positionRange, bool isDuration = false) : Expr(positionRange)
{
    public double Value { get; } = value;
    public bool IsDuration { get; } = isDuration;
    public override ValueType Type => ValueType.Scalar;
    public override IReadOnlyList<Expr> Children => [];
    public override TResult Accept<TResult>(ExprVisitor<TResult> visitor) => visitor.VisitNumberLiteral(this);
}
