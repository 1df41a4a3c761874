namespace Argus.Query.Parser;

/// <summary>A function call; <see cref="Function"/> is resolved from <see cref="Functions"/> at parse time.</summary>
public sealed class Call(Function function, IReadOnlyList<Expr> args, PositionRange positionRange) : Expr(positionRange)
{
    public Function Function { get; } = function;
    public IReadOnlyList<Expr> Args { get; } = args;
    public override ValueType Type => Function.ReturnType;
    public override IReadOnlyList<Expr> Children => Args;
    public override TResult Accept<TResult>(ExprVisitor<TResult> visitor) => visitor.VisitCall(this);
}
