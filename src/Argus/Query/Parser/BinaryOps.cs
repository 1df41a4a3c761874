namespace Argus.Query.Parser;

/// <summary>Properties of <see cref="BinaryOp"/>: spelling, precedence, class.</summary>
public static class BinaryOps
{
    /// <summary>How the operator is written: <c>+</c>, <c>==</c>, <c>and</c>, <c>atan2</c>...</summary>
    public static string Symbol(this BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Sub => "-",
        BinaryOp.Mul => "*",
        BinaryOp.Div => "/",
        BinaryOp.Mod => "%",
        BinaryOp.Pow => "^",
        BinaryOp.Atan2 => "atan2",
        BinaryOp.Eqlc => "==",
        BinaryOp.Neq => "!=",
        BinaryOp.Gtr => ">",
        BinaryOp.Lss => "<",
        BinaryOp.Gte => ">=",
        BinaryOp.Lte => "<=",
        BinaryOp.And => "and",
        BinaryOp.Or => "or",
        _ => "unless",
    };

    /// <summary>Binding strength, higher binds tighter (generated_parser.y: or &lt; and/unless &lt; comparisons &lt; +- &lt; */% atan2 &lt; ^).</summary>
    public static int Precedence(this BinaryOp op) => op switch
    {
        BinaryOp.Or => 1,
        BinaryOp.And or BinaryOp.Unless => 2,
        BinaryOp.Eqlc or BinaryOp.Neq or BinaryOp.Gtr or BinaryOp.Lss or BinaryOp.Gte or BinaryOp.Lte => 3,
        BinaryOp.Add or BinaryOp.Sub => 4,
        BinaryOp.Mul or BinaryOp.Div or BinaryOp.Mod or BinaryOp.Atan2 => 5,
        _ => 6,
    };

    /// <summary>Only <c>^</c> is right-associative.</summary>
    public static bool IsRightAssociative(this BinaryOp op) => op == BinaryOp.Pow;

    public static bool IsComparison(this BinaryOp op) =>
        op is BinaryOp.Eqlc or BinaryOp.Neq or BinaryOp.Gtr or BinaryOp.Lss or BinaryOp.Gte or BinaryOp.Lte;

    public static bool IsSetOperator(this BinaryOp op) => op is BinaryOp.And or BinaryOp.Or or BinaryOp.Unless;
}
