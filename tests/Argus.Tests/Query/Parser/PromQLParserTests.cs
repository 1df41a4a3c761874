using Argus.Query.Parser;
using CsCheck;

namespace Argus.Tests.Query.Parser;

public sealed class PromQLParserTests
{
    [Theory]
    [InlineData("a + b * c", "a + (b * c)")]
    [InlineData("a * b + c", "(a * b) + c")]
    [InlineData("a - b - c", "(a - b) - c")]
    [InlineData("a / b / c", "(a / b) / c")]
    [InlineData("a ^ b ^ c", "a ^ (b ^ c)")]
    [InlineData("-a ^ b", "-(a ^ b)")]
    [InlineData("-a * b", "(-a) * b")]
    [InlineData("a or b and c", "a or (b and c)")]
    [InlineData("a and b unless c", "(a and b) unless c")]
    [InlineData("a > b + c", "a > (b + c)")]
    [InlineData("a == b or c", "(a == b) or c")]
    [InlineData("a atan2 b + c", "(a atan2 b) + c")]
    [InlineData("a % b ^ c", "a % (b ^ c)")]
    [InlineData("2 ^ -1", "2 ^ (-1)")]
    [InlineData("a + b offset 5m", "a + (b offset 5m)")]
    [InlineData("SUM BY (job) (x) * ON (a) GROUP_LEFT (b) y OR z", "((sum by (job) (x)) * on (a) group_left (b) y) or z")]
    [InlineData("sum(x) BY (job)", "sum by (job) (x)")]
    [InlineData("Sum WITHOUT (job) (x)", "sum without (job) (x)")]
    [InlineData("# comment\nrate(x[5m]) # trailing", "rate(x[5m])")]
    [InlineData("x[300]", "x[5m]")]
    [InlineData("0x1f + 1e3 + 1_000 + Inf + nAn", "31 + 1000 + 1000 + inf + nan")]
    [InlineData("x offset -5m", "x offset -5m")]
    public void ParseExpr_PrecedenceAndCase_MatchesExplicitForm(string input, string equivalent)
    {
        var a = PromQLParser.ParseExpr(input);
        var b = PromQLParser.ParseExpr(equivalent);
        Assert.Equal(Shape(b), Shape(a));
    }

    [Theory]
    [InlineData("sum(rate(x[5m])) by (job)", "sum by (job) (rate(x[5m]))")]
    [InlineData("foo{a=\"b\" , c =~ 'd'}", "foo{a=\"b\",c=~\"d\"}")]
    [InlineData("x @ start()", "x @ start()")]
    [InlineData("x[5m] @ 100 offset 1h30m", "x[5m] @ 100.000 offset 1h30m")]
    [InlineData("rate(x[5m])[30m:]", "rate(x[5m])[30m:]")]
    [InlineData("a > bool on(x) b", "a > bool on (x) b")]
    [InlineData("topk(3, x)", "topk(3, x)")]
    [InlineData("{\"my.metric\"}", "{__name__=\"my.metric\"}")]
    [InlineData("sum by (\"k8s.ns\") (x)", "sum by (\"k8s.ns\") (x)")]
    [InlineData("1e6", "1000000")]
    [InlineData("- 1", "-1")]
    [InlineData("time() - 1h", "time() - 1h")]
    public void Format_Canonical(string input, string expected) =>
        Assert.Equal(expected, Printer.Format(PromQLParser.ParseExpr(input)));

    [Theory]
    [InlineData("", "1:1: parse error: no expression found in input")]
    [InlineData("sum(up", "1:7: parse error: unclosed left parenthesis")]
    [InlineData("1 + ", "1:5: parse error: unexpected end of input")]
    [InlineData("foo * * bar", "1:7: parse error: unexpected <op:*>")]
    [InlineData("rate(foo)", "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector")]
    [InlineData("foo{a=\"b\"", "1:10: parse error: unexpected end of input inside braces")]
    [InlineData("foo)", "1:4: parse error: unexpected right parenthesis ')'")]
    [InlineData("foo $", "1:5: parse error: unexpected character: '$'")]
    [InlineData("nosuch(x)", "1:1: parse error: unknown function with name \"nosuch\"")]
    [InlineData("1 == 1", "1:3: parse error: comparisons between scalars must use BOOL modifier")]
    [InlineData("a + bool b", "1:3: parse error: bool modifier can only be used on comparison operators")]
    [InlineData("1 and foo", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression")]
    [InlineData("a and on(x) group_left b", "1:1: parse error: no grouping allowed for \"and\" operation")]
    [InlineData("1 + on(x) foo", "1:1: parse error: vector matching only allowed between instant vectors")]
    [InlineData("{}", "1:1: parse error: vector selector must contain at least one non-empty matcher")]
    [InlineData("{a=~\".*\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher")]
    [InlineData("foo{__name__=\"bar\"}", "1:1: parse error: metric name must not be set twice: \"foo\" or \"bar\"")]
    [InlineData("sum(x) offset 5m", "1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery")]
    [InlineData("x offset 5m offset 1m", "1:1: parse error: offset may not be set multiple times")]
    [InlineData("x @ 1 @ 2", "1:1: parse error: @ <timestamp> may not be set multiple times")]
    [InlineData("(x)[5m]", "1:1: parse error: ranges only allowed for vector selectors")]
    [InlineData("x offset 1m [5m]", "1:1: parse error: no offset modifiers allowed before range")]
    [InlineData("topk(x)", "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1")]
    [InlineData("sum()", "1:1: parse error: no arguments for aggregate expression provided")]
    [InlineData("topk(\"a\", x)", "1:6: parse error: expected type scalar in aggregation parameter, got string")]
    [InlineData("count_values(1, x)", "1:14: parse error: expected type string in aggregation parameter, got scalar")]
    [InlineData("sum(x[5m])", "1:5: parse error: expected type instant vector in aggregation expression, got range vector")]
    [InlineData("label_join(x)", "1:1: parse error: expected at least 3 argument(s) in call to \"label_join\", got 1")]
    [InlineData("round(x, 1, 2)", "1:1: parse error: expected at most 2 argument(s) in call to \"round\", got 3")]
    [InlineData("time(1)", "1:1: parse error: expected 0 argument(s) in call to \"time\", got 1")]
    [InlineData("x[5m] + 1", "1:1: parse error: binary expression must contain only scalar and instant vector types")]
    [InlineData("-x[5m]", "1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got \"range vector\"")]
    [InlineData("x[5m][10m:]", "1:1: parse error: subquery is only allowed on instant vector, got matrix instead")]
    [InlineData("a + on(x) group_left(x) b", "1:3: parse error: label \"x\" must not occur in ON and GROUP clause at once")]
    [InlineData("x[5x]", "1:3: parse error: bad number or duration syntax: \"5x\"")]
    [InlineData("\"abc", "1:1: parse error: unterminated quoted string")]
    [InlineData("abs(x,)", "1:6: parse error: trailing commas not allowed in function call args")]
    [InlineData("x @ Inf", "1:1: parse error: timestamp out of bounds for @ modifier: Infinity")]
    [InlineData("foo\n  * * bar", "2:5: parse error: unexpected <op:*>")]
    [InlineData("sum by x (y)", "1:8: parse error: unexpected identifier \"x\" in grouping opts, expected \"(\"")]
    [InlineData("a * group_left b", "1:5: parse error: unexpected <group_left>")]
    [InlineData("x[1h2h]", "1:3: parse error: not a valid duration string: \"1h2h\"")]
    [InlineData("x[1h] @ 1700000000000000000000000d", "1:9: parse error: duration out of range")]
    [InlineData("x[99999999999999999999s]", "1:3: parse error: duration out of range")]
    public void ParseExpr_Invalid_ReportsPrometheusMessage(string input, string message)
    {
        var e = Assert.Throws<PromQLParseException>(() => PromQLParser.ParseExpr(input));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ParseExpr_Error_CarriesLineColumnAndRange()
    {
        var e = Assert.Throws<PromQLParseException>(() => PromQLParser.ParseExpr("foo\n  * * bar"));
        Assert.Equal((2, 5), (e.Line, e.Column));
        Assert.Equal(new PositionRange(8, 9), e.PositionRange);
        Assert.Equal("unexpected <op:*>", e.Reason);
    }

    [Fact]
    public void ParseExpr_Selector_HasResolvedFields()
    {
        const string query = "rate(http_requests_total{job=~\"api|web\"}[1h30m] offset -5m @ 1.5)";
        var call = Assert.IsType<Call>(PromQLParser.ParseExpr(query));
        Assert.Equal("rate", call.Function.Name);
        var m = Assert.IsType<MatrixSelector>(call.Args[0]);
        Assert.Equal(5_400_000, m.RangeMs);
        Assert.Equal(-300_000, m.VectorSelector.OffsetMs);
        Assert.Equal(1500, m.VectorSelector.Timestamp);
        Assert.Equal("http_requests_total", m.VectorSelector.Name);
        Assert.Equal(["job", "__name__"], m.VectorSelector.Matchers.Select(x => x.Name));
        Assert.Equal(new PositionRange(0, query.Length), call.PositionRange);
    }

    [Fact]
    public void ParseMetricSelector_ReturnsMatchers_AndRejectsEmptyOrExpressions()
    {
        var matchers = PromQLParser.ParseMetricSelector("up{job=\"api\"}");
        Assert.Equal(["job", "__name__"], matchers.Select(m => m.Name));
        Assert.Throws<PromQLParseException>(() => PromQLParser.ParseMetricSelector("{job=~\".*\"}"));
        Assert.Throws<PromQLParseException>(() => PromQLParser.ParseMetricSelector("rate(up[5m])"));
        Assert.Throws<PromQLParseException>(() => PromQLParser.ParseMetricSelector("up + 1"));
    }

    [Fact]
    public void AstWalker_Inspect_VisitsPreOrderWithPath()
    {
        var expr = PromQLParser.ParseExpr("sum(rate(x[5m])) / 2");
        var seen = new List<string>();
        AstWalker.Inspect(expr, (node, path) =>
        {
            seen.Add($"{path.Count}:{node.GetType().Name}");
            return true;
        });
        Assert.Equal(["0:BinaryExpr", "1:AggregateExpr", "2:Call", "3:MatrixSelector", "4:VectorSelector", "1:NumberLiteral"], seen);
    }

    [Fact]
    public void RandomAsts_PrintThenParse_GiveTheSameAst()
    {
        AstGen.Expr.Sample(text =>
        {
            var parsed = PromQLParser.ParseExpr(text);
            var again = PromQLParser.ParseExpr(Printer.Format(parsed));
            return AstEquality.Equal(parsed, again) && Printer.Format(again) == Printer.Format(parsed);
        }, iter: 2000);
    }

    [Fact]
    public void RandomStrings_NeverCrash()
    {
        var alphabet = Gen.OneOf<string>(Gen.Char["a-z"].Select(c => c.ToString()), Gen.Char["(){}[]:,=~!@+-*/%^<>\"'`# .0123456789\n"].Select(c => c.ToString()),
            Gen.Int[0, 10].Select(i => new[] { "sum", "by", "offset", "rate", "bool", "on", "group_left", "[5m]", "@ start()", "5m", "x{a=\"b\"}" }[i]));
        alphabet.Array[0, 30].Select(parts => string.Concat(parts)).Sample(text =>
        {
            try
            {
                var expr = PromQLParser.ParseExpr(text);
                Assert.True(AstEquality.Equal(expr, PromQLParser.ParseExpr(Printer.Format(expr))));
            }
            catch (PromQLParseException)
            {
            }
        }, iter: 5000);
    }

    /// <summary>The tree fully parenthesized with explicit parentheses removed, so grouping can be compared.</summary>
    private static string Shape(Expr e) => e switch
    {
        ParenExpr p => Shape(p.Expr),
        BinaryExpr b => "(" + Shape(b.Lhs) + " " + b.Op.Symbol() + (b.VectorMatching?.Card.ToString() ?? "") + " " + Shape(b.Rhs) + ")",
        UnaryExpr u => "(" + u.Op.Symbol() + Shape(u.Expr) + ")",
        _ => Printer.Format(e),
    };
}
