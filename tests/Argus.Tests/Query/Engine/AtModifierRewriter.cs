using Argus.Query.Parser;

namespace Argus.Tests.Query.Engine;

/// <summary>
/// FORMAT.md 5.3 step 2: pins every selector and subquery without an @ to a fixed time, so the query gives the same
/// result whenever it is evaluated. Selectors inside a subquery are left alone (the subquery's own @ decides their time).
/// </summary>
internal static class AtModifierRewriter
{
    private static readonly HashSet<string> s_timeDependent =
    [
        "time", "timestamp", "predict_linear", "hour", "minute", "month", "year", "day_of_month", "day_of_week",
        "day_of_year", "days_in_month", "start", "end", "range", "step",
    ];

    /// <summary>True when the expression calls a function whose result depends on the evaluation time.</summary>
    public static bool IsTimeDependent(Expr e) =>
        (e is Call c && s_timeDependent.Contains(c.Function.Name)) || e.Children.Any(IsTimeDependent);

    public static Expr Pin(Expr e, long timeMs) => e switch
    {
        VectorSelector vs => PinSelector(vs, timeMs),
        MatrixSelector ms => new MatrixSelector(PinSelector(ms.VectorSelector, timeMs), ms.RangeMs, ms.PositionRange),
        SubqueryExpr sq => sq.Timestamp is null && sq.At == AtModifier.None
            ? new SubqueryExpr(sq.Expr, sq.RangeMs, sq.StepMs, sq.PositionRange, sq.OffsetMs, timeMs, AtModifier.None)
            : sq,
        ParenExpr p => new ParenExpr(Pin(p.Expr, timeMs), p.PositionRange),
        UnaryExpr u => new UnaryExpr(u.Op, Pin(u.Expr, timeMs), u.PositionRange),
        BinaryExpr b => new BinaryExpr(b.Op, Pin(b.Lhs, timeMs), Pin(b.Rhs, timeMs), b.VectorMatching, b.ReturnBool, b.PositionRange),
        AggregateExpr a => new AggregateExpr(a.Op, Pin(a.Expr, timeMs), a.Param is null ? null : Pin(a.Param, timeMs), a.Grouping, a.Without, a.PositionRange),
        Call c => new Call(c.Function, [.. c.Args.Select(x => Pin(x, timeMs))], c.PositionRange),
        _ => e,
    };

    private static VectorSelector PinSelector(VectorSelector vs, long timeMs) =>
        vs.Timestamp is null && vs.At == AtModifier.None
            ? new VectorSelector(vs.Name, vs.Matchers, vs.PositionRange, vs.OffsetMs, timeMs, AtModifier.None)
            : vs;
}
