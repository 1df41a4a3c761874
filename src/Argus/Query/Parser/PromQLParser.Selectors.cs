using System.Diagnostics.CodeAnalysis;
using Argus.Model;

namespace Argus.Query.Parser;

/// <summary>Selectors, their postfix modifiers ([range], [range:step], offset, @) and token helpers.</summary>
public sealed partial class PromQLParser
{
    private VectorSelector ParseVectorSelector(Token? nameToken)
    {
        string name = "";
        int start = Peek().Pos, end = Peek().End;
        var matchers = new List<Matcher>();
        if (nameToken is { } n)
        {
            Next();
            name = n.Text;
        }
        if (Peek().Kind == TokenKind.LeftBrace)
        {
            Next();
            end = ParseMatchers(matchers);
        }
        if (name.Length > 0) matchers.Add(Matcher.Equal("__name__", name));
        return new VectorSelector(name, matchers, new PositionRange(start, end));
    }

    /// <summary>The inside of <c>{...}</c> up to and including the closing brace; returns the end of the brace.</summary>
    private int ParseMatchers(List<Matcher> matchers)
    {
        while (true)
        {
            var t = Next();
            if (t.Kind == TokenKind.RightBrace) return t.End;
            if (t.Kind is not (TokenKind.Identifier or TokenKind.String)) Unexpected(t, "label matching", "identifier or \"}\"");
            string label = t.Kind == TokenKind.String ? StringUnquoter.Unquote(t.Text) : t.Text;
            var op = Peek();
            MatcherType? type = op.Kind switch
            {
                TokenKind.Assign => MatcherType.Equal,
                TokenKind.Neq => MatcherType.NotEqual,
                TokenKind.EqlRegex => MatcherType.Regexp,
                TokenKind.NeqRegex => MatcherType.NotRegexp,
                _ => null,
            };
            if (type is null)
            {
                // A lone quoted string is the metric name: {"my.metric", job="x"}.
                if (t.Kind != TokenKind.String || op.Kind is not (TokenKind.Comma or TokenKind.RightBrace))
                {
                    Unexpected(op, "label matching", "label matching operator");
                }
                matchers.Add(Matcher.Equal("__name__", label));
            }
            else
            {
                Next();
                var value = Next();
                if (value.Kind != TokenKind.String) Unexpected(value, "label matching", "string");
                try
                {
                    matchers.Add(new Matcher(type.Value, label, StringUnquoter.Unquote(value.Text)));
                }
                catch (FormatException e)
                {
                    Fail(new PositionRange(t.Pos, value.End), e.Message);
                }
            }
            var sep = Peek();
            if (sep.Kind == TokenKind.Comma) Next();
            else if (sep.Kind != TokenKind.RightBrace) Unexpected(sep, "label matching", "\",\" or \"}\"");
        }
    }

    private Expr ParsePostfix(Expr expr)
    {
        while (true)
        {
            switch (Peek().Kind)
            {
                case TokenKind.LeftBracket:
                    expr = ParseRangeOrSubquery(expr);
                    if (++_postfix > MaxHeight) FailTooDeep(); // x[1m:][1m:]... stacks subqueries without recursion
                    break;
                case TokenKind.Offset: expr = ParseOffset(expr); break;
                case TokenKind.At: expr = ParseAt(expr); break;
                default: return expr;
            }
        }
    }

    private Expr ParseRangeOrSubquery(Expr expr)
    {
        Next();
        long rangeMs = ParseBracketDuration("subquery or range", "number or duration");
        var t = Next();
        if (t.Kind == TokenKind.Colon)
        {
            long stepMs = 0;
            if (Peek().Kind is TokenKind.Number or TokenKind.Duration) stepMs = ParseBracketDuration("subquery", "number or duration");
            var close = Expect(TokenKind.RightBracket, "subquery selector", "\"]\"");
            return new SubqueryExpr(expr, rangeMs, stepMs, new PositionRange(expr.PositionRange.Start, close.End));
        }
        if (t.Kind != TokenKind.RightBracket) Unexpected(t, "subquery or range selector", "\":\" or \"]\"");
        if (expr is not VectorSelector vs)
        {
            Fail(new PositionRange(expr.PositionRange.Start, t.End), "ranges only allowed for vector selectors");
            return null!;
        }
        if (vs.OffsetMs != 0) Fail(new PositionRange(vs.PositionRange.Start, t.End), "no offset modifiers allowed before range");
        if (vs.Timestamp is not null || vs.At != AtModifier.None) Fail(new PositionRange(vs.PositionRange.Start, t.End), "no @ modifiers allowed before range");
        return new MatrixSelector(vs, rangeMs, new PositionRange(vs.PositionRange.Start, t.End));
    }

    private long ParseBracketDuration(string context, string expected)
    {
        var t = Next();
        if (t.Kind == TokenKind.Duration) return ParseDurationMs(t);
        if (t.Kind != TokenKind.Number) Unexpected(t, context, expected);
        return (long)Math.Round(ParseNumber(t) * 1000);
    }

    private Expr ParseOffset(Expr expr)
    {
        Next();
        long sign = 1;
        if (Peek().Kind is TokenKind.Add or TokenKind.Sub) sign = Next().Kind == TokenKind.Sub ? -1 : 1;
        var t = Next();
        long ms = t.Kind switch
        {
            TokenKind.Duration => ParseDurationMs(t),
            TokenKind.Number => (long)Math.Round(ParseNumber(t) * 1000),
            _ => Unexpected(t, "offset", "number or duration"),
        } * sign;
        var end = t.End;
        const string twice = "offset may not be set multiple times";
        switch (expr)
        {
            case VectorSelector vs:
                if (vs.OffsetMs != 0) Fail(vs.PositionRange, twice);
                return vs.With(new PositionRange(vs.PositionRange.Start, end), ms, vs.Timestamp, vs.At);
            case MatrixSelector m:
                if (m.VectorSelector.OffsetMs != 0) Fail(m.PositionRange, twice);
                var inner = m.VectorSelector;
                return new MatrixSelector(inner.With(inner.PositionRange, ms, inner.Timestamp, inner.At), m.RangeMs, new PositionRange(m.PositionRange.Start, end));
            case SubqueryExpr sq:
                if (sq.OffsetMs != 0) Fail(sq.PositionRange, twice);
                return sq.With(new PositionRange(sq.PositionRange.Start, end), ms, sq.Timestamp, sq.At);
            default:
                Fail(expr.PositionRange, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
                return null!;
        }
    }

    private Expr ParseAt(Expr expr)
    {
        Next();
        long? timestamp = null;
        var at = AtModifier.None;
        int end;
        var t = Next();
        if (t.Kind is TokenKind.Start or TokenKind.End)
        {
            at = t.Kind == TokenKind.Start ? AtModifier.Start : AtModifier.End;
            Expect(TokenKind.LeftParen, "@", "\"(\"");
            end = Expect(TokenKind.RightParen, "@", "\")\"").End;
        }
        else
        {
            double sign = 1;
            if (t.Kind is TokenKind.Add or TokenKind.Sub)
            {
                sign = t.Kind == TokenKind.Sub ? -1 : 1;
                t = Next();
            }
            double seconds = t.Kind switch
            {
                TokenKind.Number => ParseNumber(t),
                TokenKind.Duration => ParseDurationMs(t) / 1000.0,
                _ => Unexpected(t, "@", "timestamp"),
            } * sign;
            end = t.End;
            if (double.IsNaN(seconds) || double.IsInfinity(seconds) || seconds >= long.MaxValue / 1000.0 || seconds <= long.MinValue / 1000.0)
            {
                Fail(new PositionRange(expr.PositionRange.Start, end),
                    $"timestamp out of bounds for @ modifier: {seconds.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)}");
            }
            timestamp = (long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
        }
        const string twice = "@ <timestamp> may not be set multiple times";
        switch (expr)
        {
            case VectorSelector vs:
                if (vs.Timestamp is not null || vs.At != AtModifier.None) Fail(vs.PositionRange, twice);
                return vs.With(new PositionRange(vs.PositionRange.Start, end), vs.OffsetMs, timestamp, at);
            case MatrixSelector m:
                var inner = m.VectorSelector;
                if (inner.Timestamp is not null || inner.At != AtModifier.None) Fail(m.PositionRange, twice);
                return new MatrixSelector(inner.With(inner.PositionRange, inner.OffsetMs, timestamp, at), m.RangeMs, new PositionRange(m.PositionRange.Start, end));
            case SubqueryExpr sq:
                if (sq.Timestamp is not null || sq.At != AtModifier.None) Fail(sq.PositionRange, twice);
                return sq.With(new PositionRange(sq.PositionRange.Start, end), sq.OffsetMs, timestamp, at);
            default:
                Fail(expr.PositionRange, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
                return null!;
        }
    }

    /// <summary>Prometheus's model.ParseDuration (<see cref="Config.PromDuration"/>): units y w d h m s ms, largest first, each at most once.</summary>
    private long ParseDurationMs(Token t)
    {
        if (!Config.PromDuration.TryParseMs(t.Text, out long ms, out string? error)) Fail(t.Range, error!);
        return ms;
    }

    private Token Peek(int ahead = 0)
    {
        int i = Math.Min(_index + ahead, _tokens.Count - 1);
        var t = _tokens[i];
        if (t.Kind == TokenKind.Error && ahead == 0) Fail(t.Range, t.Text);
        return t;
    }

    private Token Next()
    {
        var t = Peek();
        if (_index < _tokens.Count - 1) _index++;
        return t;
    }

    private Token Expect(TokenKind kind, string context, string expected)
    {
        var t = Next();
        if (t.Kind != kind) Unexpected(t, context, expected);
        return t;
    }

    [DoesNotReturn]
    private long Unexpected(Token t, string context = "", string expected = "")
    {
        if (t.Kind == TokenKind.Error) Fail(t.Range, t.Text);
        string message = "unexpected " + t.Describe();
        if (context.Length > 0) message += " in " + context;
        if (expected.Length > 0) message += ", expected " + expected;
        Fail(t.Range, message);
        return 0;
    }

    [DoesNotReturn]
    internal void Fail(PositionRange range, string reason) => throw new PromQLParseException(range, reason, _input);
}
