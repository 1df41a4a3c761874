namespace Argus.Query.Parser;

/// <summary>A range vector selector <c>selector[range]</c>; offset and @ live on <see cref="VectorSelector"/>.</summary>
public sealed class MatrixSelector(VectorSelector vectorSelector, long rangeMs, PositionRange positionRange) : Expr(positionRange)
{
    public VectorSelector VectorSelector { get; } = vectorSelector;
    public long RangeMs { get; } = rangeMs;
    public override ValueType Type => ValueType.Matrix;
    public override IReadOnlyList<Expr> Children => [VectorSelector];
    public override TResult Accept<TResult>(ExprVisitor<TResult> visitor) => visitor.VisitMatrixSelector(this);
}
