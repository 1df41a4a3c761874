using System.Globalization;
using System.Text;

namespace Argus.Template;

/// <summary>
/// Recursive-descent parser for Go's text/template, following text/template/parse/parse.go production by production so that
/// trees and error texts match. One call parses one text into its top-level tree plus every {{define}}/{{block}} in it.
/// </summary>
internal sealed class Parser
{
    private readonly string _name;
    private readonly string _text;
    private readonly Func<string, bool> _hasFunction;
    private readonly List<Token> _tokens;
    private readonly Dictionary<string, ParseTree> _trees;
    private List<string> _vars = ["$"];
    private int _index;
    private int _rangeDepth;
    private int _depth;
    private Token _last;

    private Parser(string name, string text, Func<string, bool> hasFunction, Dictionary<string, ParseTree> trees)
    {
        _name = name;
        _text = text;
        _hasFunction = hasFunction;
        _tokens = Lexer.Lex(text);
        _trees = trees;
    }

    /// <summary>Parses <paramref name="text"/>; returns the trees by name (the top-level one under <paramref name="name"/>).</summary>
    /// <exception cref="TemplateException">On any syntax error, naming name:line:col.</exception>
    public static Dictionary<string, ParseTree> Parse(string name, string text, Func<string, bool> hasFunction)
    {
        var trees = new Dictionary<string, ParseTree>(StringComparer.Ordinal);
        var parser = new Parser(name, text, hasFunction, trees);
        var root = parser.ParseTop();
        parser.Add(new ParseTree(name, name, text, root));
        return trees;
    }

    private Node.List ParseTop()
    {
        var root = new Node.List(0);
        while (Peek().Kind != TokenKind.Eof)
        {
            if (Peek().Kind == TokenKind.LeftDelim)
            {
                int mark = _index;
                Next();
                if (NextNonSpace().Kind == TokenKind.Define)
                {
                    ParseDefinition();
                    continue;
                }
                _index = mark;
            }
            var n = TextOrAction();
            if (n is Node.End or Node.Else) Fail(n.Pos, $"unexpected {n}");
            root.Nodes.Add(n);
        }
        return root;
    }

    private void ParseDefinition()
    {
        const string context = "define clause";
        var nameToken = NextNonSpace();
        if (nameToken.Kind is not (TokenKind.String or TokenKind.RawString)) Unexpected(nameToken, context);
        string name = Unquote(nameToken);
        Expect(TokenKind.RightDelim, context);
        var saved = _vars;
        _vars = ["$"];
        var (list, end) = ItemList();
        _vars = saved;
        if (end is not Node.End) Fail(end.Pos, $"unexpected {end} in {context}");
        Add(new ParseTree(name, _name, _text, list));
    }

    private void Add(ParseTree tree)
    {
        if (!_trees.TryGetValue(tree.Name, out var existing) || existing.IsEmpty)
        {
            _trees[tree.Name] = tree;
            return;
        }
        if (!tree.IsEmpty) Fail(_last.Pos, $"template: multiple definition of template {GoFormatter.Quote(tree.Name)}");
    }

    private (Node.List List, Node End) ItemList()
    {
        var list = new Node.List(PeekNonSpace().Pos);
        while (PeekNonSpace().Kind != TokenKind.Eof)
        {
            var n = TextOrAction();
            if (n is Node.End or Node.Else) return (list, n);
            list.Nodes.Add(n);
        }
        Fail(Peek().Pos, "unexpected EOF");
        return default;
    }

    private Node TextOrAction()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Text:
                return new Node.Text(token.Pos, token.Value);
            case TokenKind.LeftDelim:
                return Action();
            default:
                Unexpected(token, "input");
                return null!;
        }
    }

    private Node Action()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Block:
                return BlockControl(token);
            case TokenKind.Break:
                return BreakOrContinue(token, "break");
            case TokenKind.Continue:
                return BreakOrContinue(token, "continue");
            case TokenKind.Else:
                return ElseControl(token);
            case TokenKind.End:
                Expect(TokenKind.RightDelim, "end");
                return new Node.End(token.Pos);
            case TokenKind.If:
                return Control(token, Node.BranchKind.If, "if");
            case TokenKind.Range:
                return Control(token, Node.BranchKind.Range, "range");
            case TokenKind.Template:
                return TemplateControl(token);
            case TokenKind.With:
                return Control(token, Node.BranchKind.With, "with");
        }
        Backup();
        var pipe = Pipeline("command", TokenKind.RightDelim);
        return new Node.Action(token.Pos, pipe);
    }

    private Node BreakOrContinue(Token token, string word)
    {
        if (_rangeDepth == 0) Fail(token.Pos, $"{{{{{word}}}}} outside {{{{range}}}}");
        var next = NextNonSpace();
        if (next.Kind != TokenKind.RightDelim) Unexpected(next, "{{" + word + "}}");
        return word == "break" ? new Node.Break(token.Pos) : new Node.Continue(token.Pos);
    }

    private Node ElseControl(Token token)
    {
        var peek = PeekNonSpace();
        // "else if" and "else with": leave the keyword for the caller, which parses the nested control.
        if (peek.Kind is TokenKind.If or TokenKind.With) return new Node.Else(token.Pos);
        Expect(TokenKind.RightDelim, "else");
        return new Node.Else(token.Pos);
    }

    /// <summary>
    /// Limit of nesting across parenthesized pipelines and control bodies ({{if}}, {{with}}, {{range}}, {{block}}), with Go's
    /// error text. Go caps only parentheses, at 10000, and leaves controls to its growable stacks; a .NET thread's stack is
    /// fixed (1.5 MB for pool threads) and the parser and the executor each spend several frames per level, so Argus caps both
    /// far lower. Real templates nest a handful of levels; a hostile one must get an error, never a stack overflow.
    /// </summary>
    internal const int MaxDepth = 500;

    private void Enter(Token at)
    {
        if (++_depth > MaxDepth) Fail(at.Pos, "max expression depth exceeded");
    }

    private Node Control(Token keyword, Node.BranchKind kind, string context)
    {
        Enter(keyword);
        try
        {
            return ControlBody(kind, context);
        }
        finally
        {
            _depth--;
        }
    }

    private Node ControlBody(Node.BranchKind kind, string context)
    {
        int varMark = _vars.Count;
        var pipe = Pipeline(context, TokenKind.RightDelim);
        if (kind == Node.BranchKind.Range) _rangeDepth++;
        var (list, next) = ItemList();
        if (kind == Node.BranchKind.Range) _rangeDepth--;
        Node.List? elseList = null;
        if (next is Node.Else)
        {
            var peek = PeekNonSpace();
            if ((kind == Node.BranchKind.If && peek.Kind == TokenKind.If) || (kind == Node.BranchKind.With && peek.Kind == TokenKind.With))
            {
                // "else if"/"else with": the nested control consumes the single {{end}}.
                var nestedKeyword = NextNonSpace();
                elseList = new Node.List(next.Pos);
                elseList.Nodes.Add(Control(nestedKeyword, kind, context));
            }
            else
            {
                Node end;
                (elseList, end) = ItemList();
                if (end is not Node.End) Fail(end.Pos, $"expected end; found {end}");
            }
        }
        _vars.RemoveRange(varMark, _vars.Count - varMark);
        return new Node.Branch(pipe.Pos, kind, pipe, list, elseList);
    }

    private Node TemplateControl(Token keyword)
    {
        const string context = "template clause";
        var nameToken = NextNonSpace();
        string name = ParseTemplateName(nameToken, context);
        Node.Pipe? pipe = null;
        if (NextNonSpace().Kind != TokenKind.RightDelim)
        {
            Backup();
            pipe = Pipeline(context, TokenKind.RightDelim);
        }
        return new Node.TemplateCall(nameToken.Pos, name, pipe);
    }

    private Node BlockControl(Token keyword)
    {
        const string context = "block clause";
        var nameToken = NextNonSpace();
        string name = ParseTemplateName(nameToken, context);
        var pipe = Pipeline(context, TokenKind.RightDelim);
        Enter(keyword);
        var saved = _vars;
        int savedRange = _rangeDepth;
        _vars = ["$"];
        _rangeDepth = 0;
        var (list, end) = ItemList();
        _depth--;
        _vars = saved;
        _rangeDepth = savedRange;
        if (end is not Node.End) Fail(end.Pos, $"unexpected {end} in {context}");
        Add(new ParseTree(name, _name, _text, list));
        return new Node.TemplateCall(nameToken.Pos, name, pipe);
    }

    private string ParseTemplateName(Token token, string context)
    {
        if (token.Kind is TokenKind.String or TokenKind.RawString) return Unquote(token);
        Unexpected(token, context);
        return null!;
    }

    private Node.Pipe Pipeline(string context, TokenKind end)
    {
        var first = PeekNonSpace();
        var pipe = new Node.Pipe(first.Pos);
        while (true)
        {
            var v = PeekNonSpace();
            if (v.Kind != TokenKind.Variable) break;
            // "$x foo" is an argument, "$x := foo" a declaration: look past the variable, and rewind if it is not declared.
            int mark = _index;
            NextNonSpace();
            var next = PeekNonSpace();
            if (next.Kind is TokenKind.Assign or TokenKind.Declare)
            {
                pipe.IsAssign = next.Kind == TokenKind.Assign;
                NextNonSpace();
                pipe.Decl.Add(new Node.Variable(v.Pos, [v.Value]));
                _vars.Add(v.Value);
                break;
            }
            if (next.Kind == TokenKind.Char && next.Value == ",")
            {
                NextNonSpace();
                pipe.Decl.Add(new Node.Variable(v.Pos, [v.Value]));
                _vars.Add(v.Value);
                if (context == "range" && pipe.Decl.Count < 2)
                {
                    if (PeekNonSpace().Kind is TokenKind.Variable or TokenKind.RightDelim or TokenKind.RightParen) continue;
                    Fail(PeekNonSpace().Pos, "range can only initialize variables");
                }
                Fail(next.Pos, $"too many declarations in {context}");
            }
            _index = mark;
            break;
        }
        while (true)
        {
            var token = NextNonSpace();
            if (token.Kind == end)
            {
                CheckPipeline(pipe, context, token);
                return pipe;
            }
            switch (token.Kind)
            {
                case TokenKind.Bool or TokenKind.CharConstant or TokenKind.Dot or TokenKind.Field or TokenKind.Identifier
                    or TokenKind.Number or TokenKind.Nil or TokenKind.RawString or TokenKind.String or TokenKind.Variable
                    or TokenKind.LeftParen:
                    Backup();
                    pipe.Cmds.Add(Command());
                    break;
                default:
                    Unexpected(token, context);
                    break;
            }
        }
    }

    private void CheckPipeline(Node.Pipe pipe, string context, Token at)
    {
        if (pipe.Cmds.Count == 0) Fail(at.Pos, $"missing value for {context}");
        for (int i = 1; i < pipe.Cmds.Count; i++)
        {
            if (pipe.Cmds[i].Args[0] is Node.Bool or Node.Dot or Node.Nil or Node.Number or Node.String)
            {
                Fail(pipe.Cmds[i].Pos, $"non executable command in pipeline stage {i + 1}");
            }
        }
    }

    private Node.Command Command()
    {
        var cmd = new Node.Command(PeekNonSpace().Pos);
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand is not null) cmd.Args.Add(operand);
            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.Space:
                    continue;
                case TokenKind.RightDelim or TokenKind.RightParen:
                    Backup();
                    break;
                case TokenKind.Pipe:
                    break;
                default:
                    Unexpected(token, "operand");
                    break;
            }
            break;
        }
        if (cmd.Args.Count == 0) Fail(cmd.Pos, "empty command");
        return cmd;
    }

    private Node? Operand()
    {
        var node = Term();
        if (node is null) return null;
        if (Peek().Kind == TokenKind.Field)
        {
            var chain = new Node.Chain(Peek().Pos, node);
            while (Peek().Kind == TokenKind.Field) chain.Fields.Add(Next().Value[1..]);
            switch (node)
            {
                case Node.Field f:
                    return new Node.Field(f.Pos, [.. f.Ident, .. chain.Fields]);
                case Node.Variable v:
                    return new Node.Variable(v.Pos, [.. v.Ident, .. chain.Fields]);
                case Node.Bool or Node.String or Node.Number or Node.Nil or Node.Dot:
                    Fail(node.Pos, $"unexpected . after term {GoFormatter.Quote(node.ToString())}");
                    break;
            }
            return chain;
        }
        return node;
    }

    private Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                if (!_hasFunction(token.Value)) Fail(token.Pos, $"function {GoFormatter.Quote(token.Value)} not defined");
                return new Node.Identifier(token.Pos, token.Value);
            case TokenKind.Dot:
                return new Node.Dot(token.Pos);
            case TokenKind.Nil:
                return new Node.Nil(token.Pos);
            case TokenKind.Variable:
                return UseVar(token);
            case TokenKind.Field:
                return new Node.Field(token.Pos, [token.Value[1..]]);
            case TokenKind.Bool:
                return new Node.Bool(token.Pos, token.Value == "true");
            case TokenKind.CharConstant or TokenKind.Number:
                return ParseNumber(token);
            case TokenKind.LeftParen:
                Enter(token);
                var pipe = Pipeline("parenthesized pipeline", TokenKind.RightParen);
                _depth--;
                return pipe;
            case TokenKind.String or TokenKind.RawString:
                return new Node.String(token.Pos, token.Value, Unquote(token));
        }
        Backup();
        return null;
    }

    private Node.Variable UseVar(Token token)
    {
        if (!_vars.Contains(token.Value)) Fail(token.Pos, $"undefined variable {GoFormatter.Quote(token.Value)}");
        return new Node.Variable(token.Pos, [token.Value]);
    }

    private Node.Number ParseNumber(Token token)
    {
        string text = token.Value;
        if (token.Kind == TokenKind.CharConstant)
        {
            string rune = UnquoteGo(text[1..^1], '\'', token);
            if (rune.Length == 0 || char.ConvertToUtf32(rune, 0) is var cp && rune.Length != char.ConvertFromUtf32(cp).Length)
            {
                Fail(token.Pos, $"malformed character constant: {text}");
            }
            return new Node.Number(token.Pos, text, (long)char.ConvertToUtf32(rune, 0));
        }
        if (text.EndsWith('i')) Fail(token.Pos, $"complex constants are not supported: {text}");
        string clean = text.Replace("_", "", StringComparison.Ordinal);
        bool negative = clean.StartsWith('-');
        string unsigned = clean.TrimStart('+', '-');
        bool isHexInt = unsigned.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && !unsigned.Contains('p', StringComparison.OrdinalIgnoreCase);
        if (isHexInt || unsigned.StartsWith("0b", StringComparison.OrdinalIgnoreCase) || unsigned.StartsWith("0o", StringComparison.OrdinalIgnoreCase)
            || !unsigned.AsSpan().ContainsAny(".eE"))
        {
            if (TryParseInteger(unsigned, out var magnitude))
            {
                var value = negative ? -magnitude : magnitude;
                if (value >= long.MinValue && value <= long.MaxValue) return new Node.Number(token.Pos, text, (long)value);
                Fail(token.Pos, $"{text} overflows int");
            }
            Fail(token.Pos, $"illegal number syntax: {GoFormatter.Quote(text)}");
        }
        if (!double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            Fail(token.Pos, $"illegal number syntax: {GoFormatter.Quote(text)}");
        }
        return new Node.Number(token.Pos, text, d);
    }

    private static bool TryParseInteger(string s, out System.Numerics.BigInteger value)
    {
        value = 0;
        int radix = 10;
        if (s.Length > 2 && s[0] == '0')
        {
            switch (s[1])
            {
                case 'x' or 'X': radix = 16; s = s[2..]; break;
                case 'o' or 'O': radix = 8; s = s[2..]; break;
                case 'b' or 'B': radix = 2; s = s[2..]; break;
            }
        }
        if (radix == 10 && s.Length > 1 && s[0] == '0') radix = 8; // Go: a leading 0 means octal
        if (s.Length == 0) return false;
        foreach (char c in s)
        {
            int digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix) return false;
            value = value * radix + digit;
        }
        return true;
    }

    private string Unquote(Token token)
    {
        if (token.Kind == TokenKind.RawString) return token.Value[1..^1].Replace("\r", "", StringComparison.Ordinal);
        return UnquoteGo(token.Value[1..^1], '"', token);
    }

    /// <summary>Interprets Go escape sequences (strconv.Unquote): \n \t \\ \" \x41 \101 \u00e9 \U0001F600 …</summary>
    private string UnquoteGo(string s, char quote, Token token)
    {
        if (!s.Contains('\\')) return s;
        var sb = new StringBuilder(s.Length);
        var bytes = new List<byte>();
        void FlushBytes()
        {
            if (bytes.Count == 0) return;
            sb.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c != '\\')
            {
                FlushBytes();
                sb.Append(c);
                continue;
            }
            if (++i >= s.Length) Fail(token.Pos, "invalid syntax");
            char e = s[i];
            switch (e)
            {
                case 'a': FlushBytes(); sb.Append('\a'); break;
                case 'b': FlushBytes(); sb.Append('\b'); break;
                case 'f': FlushBytes(); sb.Append('\f'); break;
                case 'n': FlushBytes(); sb.Append('\n'); break;
                case 'r': FlushBytes(); sb.Append('\r'); break;
                case 't': FlushBytes(); sb.Append('\t'); break;
                case 'v': FlushBytes(); sb.Append('\v'); break;
                case '\\': FlushBytes(); sb.Append('\\'); break;
                case '"' or '\'' when e == quote: FlushBytes(); sb.Append(e); break;
                case 'x':
                    bytes.Add((byte)ParseHex(s, ref i, 2, token));
                    break;
                case >= '0' and <= '7':
                    if (i + 2 >= s.Length) Fail(token.Pos, "invalid syntax");
                    int octal = 0;
                    for (int k = 0; k < 3; k++)
                    {
                        char o = s[i + k];
                        if (o is < '0' or > '7') Fail(token.Pos, "invalid syntax");
                        octal = octal * 8 + (o - '0');
                    }
                    if (octal > 255) Fail(token.Pos, "invalid syntax");
                    i += 2;
                    bytes.Add((byte)octal);
                    break;
                case 'u':
                    FlushBytes();
                    sb.Append(char.ConvertFromUtf32(ParseHex(s, ref i, 4, token)));
                    break;
                case 'U':
                    FlushBytes();
                    int cp = ParseHex(s, ref i, 8, token);
                    if (cp > 0x10FFFF) Fail(token.Pos, "invalid syntax");
                    sb.Append(char.ConvertFromUtf32(cp));
                    break;
                default:
                    Fail(token.Pos, "invalid syntax");
                    break;
            }
        }
        FlushBytes();
        return sb.ToString();
    }

    private int ParseHex(string s, ref int i, int count, Token token)
    {
        if (i + count >= s.Length) Fail(token.Pos, "invalid syntax");
        if (!int.TryParse(s.AsSpan(i + 1, count), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int v))
        {
            Fail(token.Pos, "invalid syntax");
        }
        i += count;
        return v;
    }

    private Token Next()
    {
        var t = _tokens[Math.Min(_index, _tokens.Count - 1)];
        if (t.Kind == TokenKind.Error) Fail(t.Pos, t.Value);
        _index++;
        _last = t;
        return t;
    }

    private Token Peek()
    {
        var t = _tokens[Math.Min(_index, _tokens.Count - 1)];
        if (t.Kind == TokenKind.Error) Fail(t.Pos, t.Value);
        return t;
    }

    private void Backup()
    {
        _index--;
    }

    private Token NextNonSpace()
    {
        Token t;
        do
        {
            t = Next();
        }
        while (t.Kind == TokenKind.Space);
        return t;
    }

    private Token PeekNonSpace()
    {
        var t = NextNonSpace();
        Backup();
        return t;
    }

    private void Expect(TokenKind kind, string context)
    {
        var t = NextNonSpace();
        if (t.Kind != kind) Unexpected(t, context);
    }

    private void Unexpected(Token token, string context)
    {
        if (token.Kind == TokenKind.Error) Fail(token.Pos, token.Value);
        Fail(token.Pos, $"unexpected {token} in {context}");
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(int pos, string message)
    {
        var (line, column) = ParseTree.Locate(_text, pos);
        throw new TemplateException($"template: {_name}:{line}:{column}: {message}", _name, line, column);
    }
}
