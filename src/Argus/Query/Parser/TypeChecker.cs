namespace Argus.Query.Parser;

/// <summary>
/// Prometheus's checkAST: argument and operand types, argument counts, bool/set-operator/grouping rules and selector
/// sanity, visited children first. The first error is thrown with Prometheus's text and the offending node's span.
/// </summary>
internal sealed class TypeChecker(PromQLParser parser)
{
    public ValueType Check(Expr node)
    {
        switch (node)
        {
            case AggregateExpr a:
                ExpectType(a.Expr, ValueType.Vector, "aggregation expression");
                if (a.Param is { } param)
                {
                    ExpectType(param, a.Op == AggregationOp.CountValues ? ValueType.String : ValueType.Scalar, "aggregation parameter");
                }
                break;
            case BinaryExpr b:
                CheckBinary(b);
                break;
            case Call c:
                CheckCall(c);
                break;
            case ParenExpr p:
                Check(p.Expr);
                break;
            case UnaryExpr u:
                var ut = Check(u.Expr);
                if (ut is not (ValueType.Scalar or ValueType.Vector))
                {
                    parser.Fail(u.PositionRange, $"unary expression only allowed on expressions of type scalar or instant vector, got \"{ut.DocumentedName()}\"");
                }
                break;
            case SubqueryExpr s:
                var st = Check(s.Expr);
                if (st != ValueType.Vector) parser.Fail(s.PositionRange, $"subquery is only allowed on instant vector, got {st.Name()} instead");
                break;
            case MatrixSelector m:
                Check(m.VectorSelector);
                break;
            case VectorSelector v:
                CheckSelector(v, bypassEmptyMatcherCheck: false);
                break;
        }
        return node.Type;
    }

    private void ExpectType(Expr node, ValueType want, string context)
    {
        var got = Check(node);
        if (got != want) parser.Fail(node.PositionRange, $"expected type {want.DocumentedName()} in {context}, got {got.DocumentedName()}");
    }

    private void CheckBinary(BinaryExpr b)
    {
        var lt = Check(b.Lhs);
        var rt = Check(b.Rhs);
        if (!parser.TryGetBinaryCheck(b, out var check)) throw new InvalidOperationException("BUG: binary expression built outside the parser");
        var written = check.Written;
        string op = b.Op.Symbol();
        if (b.ReturnBool && !b.Op.IsComparison()) parser.Fail(check.OpRange, "bool modifier can only be used on comparison operators");
        if (b.Op.IsComparison() && !b.ReturnBool && lt == ValueType.Scalar && rt == ValueType.Scalar)
        {
            parser.Fail(check.OpRange, "comparisons between scalars must use BOOL modifier");
        }
        if (written.On)
        {
            foreach (var l in written.MatchingLabels)
            {
                if (written.Include.Contains(l)) parser.Fail(check.OpRange, $"label \"{l}\" must not occur in ON and GROUP clause at once");
            }
        }
        if (lt is not (ValueType.Scalar or ValueType.Vector)) parser.Fail(b.Lhs.PositionRange, "binary expression must contain only scalar and instant vector types");
        if (rt is not (ValueType.Scalar or ValueType.Vector)) parser.Fail(b.Rhs.PositionRange, "binary expression must contain only scalar and instant vector types");
        if (lt != ValueType.Vector || rt != ValueType.Vector)
        {
            if (written.MatchingLabels.Count > 0) parser.Fail(b.PositionRange, "vector matching only allowed between instant vectors");
        }
        else if (b.Op.IsSetOperator() && written.Card is VectorMatchCardinality.OneToMany or VectorMatchCardinality.ManyToOne)
        {
            parser.Fail(b.PositionRange, $"no grouping allowed for \"{op}\" operation");
        }
        if ((lt == ValueType.Scalar || rt == ValueType.Scalar) && b.Op.IsSetOperator())
        {
            parser.Fail(b.PositionRange, $"set operator \"{op}\" not allowed in binary scalar expression");
        }
    }

    private void CheckCall(Call c)
    {
        var f = c.Function;
        int nargs = f.ArgTypes.Count;
        if (f.Variadic == 0)
        {
            if (nargs != c.Args.Count) parser.Fail(c.PositionRange, $"expected {nargs} argument(s) in call to \"{f.Name}\", got {c.Args.Count}");
        }
        else
        {
            int min = nargs - 1;
            if (min > c.Args.Count) parser.Fail(c.PositionRange, $"expected at least {min} argument(s) in call to \"{f.Name}\", got {c.Args.Count}");
            if (f.Variadic > 0 && min + f.Variadic < c.Args.Count)
            {
                parser.Fail(c.PositionRange, $"expected at most {min + f.Variadic} argument(s) in call to \"{f.Name}\", got {c.Args.Count}");
            }
        }
        bool infoLabels = f.Name == "info" && c.Args.Count > 1;
        if (infoLabels)
        {
            if (c.Args[1].Type != ValueType.Vector)
            {
                parser.Fail(c.PositionRange, $"expected type instant vector in call to function \"info\", got {c.Args[1].Type.DocumentedName()}");
            }
            if (c.Args[1] is not VectorSelector vs) parser.Fail(c.Args[1].PositionRange, "expected label selectors only");
            else if (vs.Name.Length > 0) parser.Fail(c.Args[1].PositionRange, "expected label selectors only, got vector selector instead");
        }
        for (int i = 0; i < c.Args.Count; i++)
        {
            int typeIndex = i;
            if (i >= nargs)
            {
                if (f.Variadic == 0) break;
                typeIndex = nargs - 1;
            }
            var arg = c.Args[i];
            var t = infoLabels && i == 1 ? CheckSelector((VectorSelector)arg, bypassEmptyMatcherCheck: true) : Check(arg);
            if (t != f.ArgTypes[typeIndex])
            {
                parser.Fail(arg.PositionRange, $"expected type {f.ArgTypes[typeIndex].DocumentedName()} in call to function \"{f.Name}\", got {t.DocumentedName()}");
            }
        }
    }

    private ValueType CheckSelector(VectorSelector v, bool bypassEmptyMatcherCheck)
    {
        if (v.Name.Length > 0)
        {
            for (int i = 0; i < v.Matchers.Count - 1; i++)
            {
                if (v.Matchers[i].Name == "__name__")
                {
                    parser.Fail(v.PositionRange, $"metric name must not be set twice: \"{v.Name}\" or \"{v.Matchers[i].Value}\"");
                }
            }
            return ValueType.Vector;
        }
        if (!bypassEmptyMatcherCheck && !v.Matchers.Any(m => !m.MatchesEmpty))
        {
            parser.Fail(v.PositionRange, "vector selector must contain at least one non-empty matcher");
        }
        return ValueType.Vector;
    }
}
