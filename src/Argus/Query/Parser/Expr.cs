namespace Argus.Query.Parser;

/// <summary>
/// A node of the PromQL syntax tree. Nodes are immutable; every node knows the span of query text it came from
/// (<see cref="PositionRange"/>) so later errors can point at it. <see cref="Printer.Format"/> prints a node back.
/// </summary>
public abstract class Expr(PositionRange positionRange)
{
    public PositionRange PositionRange { get; } = positionRange;

    /// <summary>The type this expression evaluates to.</summary>
    public abstract ValueType Type { get; }

    /// <summary>Direct children in evaluation order (for a binary expression: left, right).</summary>
    public abstract IReadOnlyList<Expr> Children { get; }

    public abstract TResult Accept<TResult>(ExprVisitor<TResult> visitor);

    /// <summary>The canonical text, as <see cref="Printer.Format"/>.</summary>
    public override string ToString() => Printer.Format(this);
}
