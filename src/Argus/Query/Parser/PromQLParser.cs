using System.Globalization;
using Argus.Model;

namespace Argus.Query.Parser;

/// <summary>
/// Recursive-descent PromQL parser following Prometheus 3.x (promql/parser/generated_parser.y and parse.go): the same
/// precedence (or &lt; and/unless &lt; comparisons &lt; +- &lt; */% atan2 &lt; ^, ^ right-associative, unary minus between * and ^),
/// the same type checks and the same error texts, reported as <c>line:column: parse error: ...</c>. Syntax errors are
/// reported before type errors, as Prometheus only type-checks a syntactically valid tree.
/// </summary>
public sealed partial class PromQLParser
{
    private readonly string _input;
    private readonly List<Token> _tokens;
    private readonly Dictionary<BinaryExpr, BinaryCheck> _binaryChecks = new(ReferenceEqualityComparer.Instance);
    private int _index;
    private int _depth;
    private int _subHeight;
    private int _postfix;

    /// <summary>
    /// Limit of the syntax tree's height. Prometheus has none (its yacc parser keeps no native stack and Go stacks grow); the
    /// parser, type checker, printer and evaluator here recurse per level on a fixed .NET stack, so a hostile query such as
    /// ten megabytes of "(" or of "1+1+1..." must get a parse error instead of a stack overflow that kills the process.
    /// Generated dashboard queries stay far below it.
    /// </summary>
    internal const int MaxHeight = 1000;

    private PromQLParser(string input)
    {
        _input = input;
        _tokens = Lexer.Lex(input);
    }

    /// <summary>Parses and type-checks a PromQL expression.</summary>
    /// <exception cref="PromQLParseException">The text is not valid PromQL; the message is Prometheus's.</exception>
    public static Expr ParseExpr(string input)
    {
        var parser = new PromQLParser(input);
        if (parser.Peek().Kind == TokenKind.Eof) parser.Fail(new PositionRange(0, 0), "no expression found in input");
        var expr = parser.ParseExpression(0);
        var last = parser.Peek();
        if (last.Kind != TokenKind.Eof) parser.Unexpected(last);
        new TypeChecker(parser).Check(expr);
        return expr;
    }

    /// <summary>
    /// Parses a series selector as the <c>match[]</c> API parameters take it (<c>up{job="x"}</c>, <c>{__name__=~"a.*"}</c>):
    /// only a vector selector, with at least one matcher that does not match the empty string.
    /// </summary>
    public static IReadOnlyList<Matcher> ParseMetricSelector(string input)
    {
        var parser = new PromQLParser(input);
        var first = parser.Peek();
        if (first.Kind is not (TokenKind.Identifier or TokenKind.MetricIdentifier or TokenKind.LeftBrace)) parser.Unexpected(first);
        var selector = parser.ParseVectorSelector(first.Kind == TokenKind.LeftBrace ? null : first);
        var last = parser.Peek();
        if (last.Kind != TokenKind.Eof) parser.Unexpected(last);
        new TypeChecker(parser).Check(selector);
        return selector.Matchers;
    }

    internal string Input => _input;

    internal bool TryGetBinaryCheck(BinaryExpr node, out BinaryCheck check) => _binaryChecks.TryGetValue(node, out check!);

    /// <remarks>
    /// Tracks the height of the tree it builds without storing it in the nodes: <c>_subHeight</c> is the tallest expression
    /// completed by a nested call so far in this frame, <c>_postfix</c> the subqueries stacked by <see cref="ParsePostfix"/>
    /// here; the estimate may exceed the true height by a level, never fall below it.
    /// </remarks>
    private Expr ParseExpression(int minPrecedence)
    {
        if (++_depth > MaxHeight) FailTooDeep();
        int siblings = _subHeight, outerPostfix = _postfix;
        _subHeight = 0;
        _postfix = 0;
        var lhs = ParseUnary();
        int height = _subHeight + _postfix + 1; // the primary node, or the unary node around a nested operand
        if (height > MaxHeight) FailTooDeep();
        while (true)
        {
            var opToken = Peek();
            if (!TryBinaryOp(opToken.Kind, out var op) || op.Precedence() < minPrecedence) break;
            Next();
            bool returnBool = false, on = false;
            var card = VectorMatchCardinality.OneToOne;
            IReadOnlyList<string> matching = [], include = [];
            if (Peek().Kind == TokenKind.Bool)
            {
                Next();
                returnBool = true;
            }
            if (Peek().Kind is TokenKind.On or TokenKind.Ignoring)
            {
                on = Next().Kind == TokenKind.On;
                matching = ParseLabelList(out _);
                if (Peek().Kind is TokenKind.GroupLeft or TokenKind.GroupRight)
                {
                    card = Next().Kind == TokenKind.GroupLeft ? VectorMatchCardinality.ManyToOne : VectorMatchCardinality.OneToMany;
                    if (Peek().Kind == TokenKind.LeftParen) include = ParseLabelList(out _);
                }
            }
            var opRange = new PositionRange(opToken.Pos, _tokens[_index - 1].End);
            _subHeight = 0;
            var rhs = ParseExpression(op.IsRightAssociative() ? op.Precedence() : op.Precedence() + 1);
            height = Math.Max(height, _subHeight) + 1;
            if (height > MaxHeight) FailTooDeep();
            lhs = MakeBinary(op, lhs, rhs, returnBool, new VectorMatching(card, matching, on, include), opRange);
        }
        _subHeight = Math.Max(siblings, height);
        _postfix = outerPostfix;
        _depth--;
        return lhs;
    }

    private void FailTooDeep()
    {
        var t = Peek();
        Fail(t.Range, $"expression nested too deeply: more than {MaxHeight} levels");
    }

    private BinaryExpr MakeBinary(BinaryOp op, Expr lhs, Expr rhs, bool returnBool, VectorMatching raw, PositionRange opRange)
    {
        var card = op.IsSetOperator() && raw.Card == VectorMatchCardinality.OneToOne ? VectorMatchCardinality.ManyToMany : raw.Card;
        VectorMatching? matching = lhs.Type == ValueType.Vector && rhs.Type == ValueType.Vector
            ? new VectorMatching(card, raw.MatchingLabels, raw.On, raw.Include)
            : null;
        var node = new BinaryExpr(op, lhs, rhs, matching, returnBool, new PositionRange(lhs.PositionRange.Start, rhs.PositionRange.End));
        _binaryChecks[node] = new BinaryCheck(opRange, raw);
        return node;
    }

    private Expr ParseUnary()
    {
        var t = Peek();
        if (t.Kind is TokenKind.Add or TokenKind.Sub)
        {
            Next();
            var operand = ParseExpression(BinaryOp.Pow.Precedence());
            var range = new PositionRange(t.Pos, operand.PositionRange.End);
            if (operand is NumberLiteral number)
            {
                return new NumberLiteral(t.Kind == TokenKind.Sub ? -number.Value : number.Value, range, number.IsDuration);
            }
            return new UnaryExpr(t.Kind == TokenKind.Sub ? BinaryOp.Sub : BinaryOp.Add, operand, range);
        }
        return ParsePostfix(ParsePrimary());
    }

    private Expr ParsePrimary()
    {
        var t = Peek();
        switch (t.Kind)
        {
            case TokenKind.Number:
                Next();
                return new NumberLiteral(ParseNumber(t), t.Range);
            case TokenKind.Duration:
                Next();
                return new NumberLiteral(ParseDurationMs(t) / 1000.0, t.Range, isDuration: true);
            case TokenKind.String:
                Next();
                return new StringLiteral(StringUnquoter.Unquote(t.Text), t.Range);
            case TokenKind.LeftParen:
                Next();
                var inner = ParseExpression(0);
                var close = Expect(TokenKind.RightParen, "paren expression", "\")\"");
                return new ParenExpr(inner, new PositionRange(t.Pos, close.End));
            case TokenKind.LeftBrace:
                return ParseVectorSelector(null);
            case TokenKind.Identifier:
                return Peek(1).Kind == TokenKind.LeftParen ? ParseCall() : ParseVectorSelector(t);
            case TokenKind.MetricIdentifier:
                return ParseVectorSelector(t);
            case TokenKind.Start or TokenKind.End when Peek(1).Kind == TokenKind.LeftParen:
                return ParseCall();
            case TokenKind.Aggregator:
                return ParseAggregate();
            default:
                Unexpected(t);
                return null!;
        }
    }

    private Call ParseCall()
    {
        var name = Next();
        var args = ParseArguments(out int end);
        if (!Functions.TryGet(name.Text, out var function)) Fail(name.Range, $"unknown function with name \"{name.Text}\"");
        return new Call(function, args, new PositionRange(name.Pos, end));
    }

    /// <summary><c>( expr, expr, ... )</c>; <paramref name="end"/> is the end of the closing parenthesis.</summary>
    private List<Expr> ParseArguments(out int end)
    {
        Expect(TokenKind.LeftParen, "function call", "\"(\"");
        var args = new List<Expr>();
        if (Peek().Kind != TokenKind.RightParen)
        {
            while (true)
            {
                args.Add(ParseExpression(0));
                var t = Peek();
                if (t.Kind == TokenKind.RightParen) break;
                if (t.Kind != TokenKind.Comma) Unexpected(t, "function call argument list", "\",\" or \")\"");
                Next();
                if (Peek().Kind == TokenKind.RightParen) Fail(t.Range, "trailing commas not allowed in function call args");
            }
        }
        end = Next().End;
        return args;
    }

    private AggregateExpr ParseAggregate()
    {
        var opToken = Next();
        var op = opToken.Aggregation;
        IReadOnlyList<string> grouping = [];
        bool without = false, modifierFirst = false;
        if (Peek().Kind is TokenKind.By or TokenKind.Without)
        {
            without = Next().Kind == TokenKind.Without;
            grouping = ParseLabelList(out _);
            modifierFirst = true;
        }
        if (Peek().Kind != TokenKind.LeftParen) Unexpected(Peek(), "aggregation", "\"(\"");
        var args = ParseArguments(out int end);
        if (!modifierFirst && Peek().Kind is TokenKind.By or TokenKind.Without)
        {
            without = Next().Kind == TokenKind.Without;
            grouping = ParseLabelList(out end);
        }
        var range = new PositionRange(opToken.Pos, end);
        if (args.Count == 0) Fail(range, "no arguments for aggregate expression provided");
        int desired = op.TakesParameter() ? 2 : 1;
        if (args.Count != desired) Fail(range, $"wrong number of arguments for aggregate expression provided, expected {desired}, got {args.Count}");
        return new AggregateExpr(op, args[^1], desired == 2 ? args[0] : null, grouping, without, range);
    }

    /// <summary><c>(label, "utf8 label", ...)</c> after by, without, on, ignoring, group_left, group_right.</summary>
    private List<string> ParseLabelList(out int end)
    {
        Expect(TokenKind.LeftParen, "grouping opts", "\"(\"");
        var labels = new List<string>();
        while (true)
        {
            var t = Next();
            if (t.Kind == TokenKind.RightParen)
            {
                end = t.End;
                return labels;
            }
            if (t.Kind == TokenKind.String) labels.Add(StringUnquoter.Unquote(t.Text));
            else if (t.Kind is TokenKind.Identifier or TokenKind.Aggregator or TokenKind.And or TokenKind.Or or TokenKind.Unless
                     or TokenKind.Atan2 || t.IsKeyword) labels.Add(t.Text);
            else Unexpected(t, "grouping opts", "label");
            var sep = Peek();
            if (sep.Kind == TokenKind.Comma) Next();
            else if (sep.Kind != TokenKind.RightParen) Unexpected(sep, "grouping opts", "\",\" or \")\"");
        }
    }

    private static bool TryBinaryOp(TokenKind kind, out BinaryOp op)
    {
        (bool ok, op) = kind switch
        {
            TokenKind.Add => (true, BinaryOp.Add),
            TokenKind.Sub => (true, BinaryOp.Sub),
            TokenKind.Mul => (true, BinaryOp.Mul),
            TokenKind.Div => (true, BinaryOp.Div),
            TokenKind.Mod => (true, BinaryOp.Mod),
            TokenKind.Pow => (true, BinaryOp.Pow),
            TokenKind.Atan2 => (true, BinaryOp.Atan2),
            TokenKind.Eqlc => (true, BinaryOp.Eqlc),
            TokenKind.Neq => (true, BinaryOp.Neq),
            TokenKind.Gtr => (true, BinaryOp.Gtr),
            TokenKind.Lss => (true, BinaryOp.Lss),
            TokenKind.Gte => (true, BinaryOp.Gte),
            TokenKind.Lte => (true, BinaryOp.Lte),
            TokenKind.And => (true, BinaryOp.And),
            TokenKind.Or => (true, BinaryOp.Or),
            TokenKind.Unless => (true, BinaryOp.Unless),
            _ => (false, BinaryOp.Add),
        };
        return ok;
    }

    private double ParseNumber(Token t)
    {
        string text = t.Text.Replace("_", "", StringComparison.Ordinal);
        string lower = text.ToLowerInvariant();
        if (lower == "inf") return double.PositiveInfinity;
        if (lower == "nan") return double.NaN;
        if (lower.StartsWith("0x", StringComparison.Ordinal))
        {
            if (UInt128.TryParse(lower.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex)) return (double)hex;
        }
        else if (lower.Length > 1 && lower[0] == '0' && lower.All(c => c is >= '0' and <= '7'))
        {
            // Go's ParseInt with base 0 reads a leading 0 as octal, so PromQL's 010 is 8.
            double value = 0;
            foreach (char c in lower) value = value * 8 + (c - '0');
            return value;
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Fail(t.Range, $"error parsing number: strconv.ParseFloat: parsing \"{t.Text}\": invalid syntax");
        return 0;
    }
}
