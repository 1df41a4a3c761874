namespace Argus.Query.Parser;

/// <summary>
/// Structural equality of syntax trees, ignoring positions: two queries that differ only in spacing, comments or keyword
/// case are equal. NaN literals equal each other (bitwise comparison of the values).
/// </summary>
public static class AstEquality
{
    public static bool Equal(Expr? a, Expr? b)
    {
        if (a is null || b is null) return a is null && b is null;
        switch (a)
        {
            case NumberLiteral x when b is NumberLiteral y:
                return x.Value.Equals(y.Value) && x.IsDuration == y.IsDuration;
            case StringLiteral x when b is StringLiteral y:
                return x.Value == y.Value;
            case VectorSelector x when b is VectorSelector y:
                return x.Name == y.Name && x.OffsetMs == y.OffsetMs && x.Timestamp == y.Timestamp && x.At == y.At
                    && x.Matchers.Count == y.Matchers.Count
                    && x.Matchers.Zip(y.Matchers).All(p => p.First.Type == p.Second.Type && p.First.Name == p.Second.Name && p.First.Value == p.Second.Value);
            case MatrixSelector x when b is MatrixSelector y:
                return x.RangeMs == y.RangeMs && Equal(x.VectorSelector, y.VectorSelector);
            case SubqueryExpr x when b is SubqueryExpr y:
                return x.RangeMs == y.RangeMs && x.StepMs == y.StepMs && x.OffsetMs == y.OffsetMs && x.Timestamp == y.Timestamp
                    && x.At == y.At && Equal(x.Expr, y.Expr);
            case ParenExpr x when b is ParenExpr y:
                return Equal(x.Expr, y.Expr);
            case UnaryExpr x when b is UnaryExpr y:
                return x.Op == y.Op && Equal(x.Expr, y.Expr);
            case BinaryExpr x when b is BinaryExpr y:
                return x.Op == y.Op && x.ReturnBool == y.ReturnBool && Equal(x.VectorMatching, y.VectorMatching)
                    && Equal(x.Lhs, y.Lhs) && Equal(x.Rhs, y.Rhs);
            case Call x when b is Call y:
                return x.Function == y.Function && x.Args.Count == y.Args.Count && x.Args.Zip(y.Args).All(p => Equal(p.First, p.Second));
            case AggregateExpr x when b is AggregateExpr y:
                return x.Op == y.Op && x.Without == y.Without && x.Grouping.SequenceEqual(y.Grouping)
                    && Equal(x.Param, y.Param) && Equal(x.Expr, y.Expr);
            default:
                return false;
        }
    }

    private static bool Equal(VectorMatching? a, VectorMatching? b)
    {
        if (a is null || b is null) return a is null && b is null;
        return a.Card == b.Card && a.On == b.On && a.MatchingLabels.SequenceEqual(b.MatchingLabels) && a.Include.SequenceEqual(b.Include);
    }
}
