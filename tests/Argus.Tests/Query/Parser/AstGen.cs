using CsCheck;

namespace Argus.Tests.Query.Parser;

/// <summary>
/// Generates valid PromQL as text from a random tree shape: every operand that could re-associate is parenthesized,
/// so the generated text is always valid and the printed form of its parse must parse back to the same tree.
/// </summary>
internal static class AstGen
{
    private static readonly Gen<string> s_duration = Pick("5m", "1h30m", "30s", "1d", "250ms", "10");
    private static readonly Gen<string> s_value = Pick("\"a\"", "'b c'", "\"\\n\\\"x\"", "`raw`", "\"é\"");

    private static readonly Gen<string> s_selector =
        from name in Pick("up", "http_requests_total", "node:cpu:rate5m", "")
        from matchers in (from l in Pick("job", "instance", "\"a.b\"")
                          from op in Pick("=", "!=", "=~", "!~")
                          from v in s_value
                          select l + op + v).Array[0, 3]
        from offset in Pick("", " offset 5m", " offset -1h", " @ 100", " @ start() offset 1m", " @ end()")
        select (name.Length == 0 ? "{__name__=\"x\"" + string.Concat(matchers.Select(m => "," + m)) + "}"
            : name + (matchers.Length == 0 ? "" : "{" + string.Join(",", matchers) + "}")) + offset;

    private static readonly Gen<string> s_number = Pick("1", "0.5", "1e3", "0x1F", "Inf", "NaN", "1_000", "5m", "010");

    public static readonly Gen<string> Expr = Gen.OneOf(VectorExpr(0), VectorExpr(0), s_number);

    private static Gen<string> Pick(params string[] options) => Gen.Int[0, options.Length - 1].Select(i => options[i]);

    private static Gen<string> VectorExpr(int depth)
    {
        if (depth > 3) return s_selector;
        var sub = VectorExpr(depth + 1);
        return Gen.OneOf(
            s_selector,
            from s in s_selector from d in s_duration select "rate(" + Range(s, d) + ")",
            from a in sub from op in Pick("+", "-", "*", "/", "%", "^", "atan2", "==", "!=", ">", "<=", "and", "or", "unless")
            from matching in Pick("", " on(job)", " ignoring(instance)", " on(job) group_left(le)", " ignoring(le) group_right")
            from b in s_selector
            select "(" + a + ") " + op + (op is "==" or "!=" or ">" or "<=" ? " bool" : "")
                + (op is "and" or "or" or "unless" && matching.Contains("group") ? "" : matching) + " " + b,
            from a in sub from agg in Pick("sum", "avg", "max", "topk(2, ", "quantile(0.9, ", "count_values(\"v\", ")
            from grp in Pick("", " by (job)", " without (instance, \"k8s.ns\")", " BY ()")
            select agg.EndsWith(", ", StringComparison.Ordinal) ? agg[..agg.IndexOf('(')] + grp + " (" + agg[(agg.IndexOf('(') + 1)..] + a + ")" : agg + grp + "(" + a + ")",
            from a in sub from f in Pick("abs", "sort", "timestamp", "-", "+") select f is "-" or "+" ? f + "(" + a + ")" : f + "(" + a + ")",
            from a in sub from d in s_duration from step in Pick("", "1m", "15s") from mod in Pick("", " offset 1m", " @ 50")
            select "max_over_time((" + a + ")[" + d + ":" + step + "]" + mod + ")",
            from a in sub select "label_replace(" + a + ", \"dst\", \"$1\", \"src\", \"(.*)\")",
            from a in sub select "histogram_quantile(0.9, " + a + ")");
    }

    private static string Range(string selector, string duration)
    {
        // Offsets and @ go after the range in a range selector.
        int o = selector.IndexOf(" offset", StringComparison.Ordinal), a = selector.IndexOf(" @", StringComparison.Ordinal);
        int cut = o < 0 ? a : a < 0 ? o : Math.Min(o, a);
        return cut < 0 ? selector + "[" + duration + "]" : selector[..cut] + "[" + duration + "]" + selector[cut..];
    }
}
