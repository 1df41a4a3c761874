namespace Argus.Query.Parser;

/// <summary>
/// Splits PromQL into tokens with positions, in three modes as Prometheus's lex.go: statements, inside <c>{...}</c>
/// (label names are plain identifiers even when they spell keywords) and inside <c>[...]</c> (durations). Keywords,
/// aggregators, <c>inf</c> and <c>nan</c> are case-insensitive. A lexical error ends the stream with an Error token
/// whose text is the Prometheus message.
/// </summary>
internal sealed class Lexer
{
    private readonly string _input;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _parenDepth;

    private Lexer(string input) => _input = input;

    /// <summary>The tokens of <paramref name="input"/>, ending with Eof or Error.</summary>
    public static List<Token> Lex(string input)
    {
        var lexer = new Lexer(input);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        bool inBraces = false, inBrackets = false;
        while (true)
        {
            string? error = inBraces ? LexInsideBraces(ref inBraces) : inBrackets ? LexInsideBrackets(ref inBrackets) : LexStatement(ref inBraces, ref inBrackets);
            if (error is not null)
            {
                _tokens.Add(new Token(TokenKind.Error, _pos, _input.Length, error));
                return;
            }
            if (_tokens.Count > 0 && _tokens[^1].Kind == TokenKind.Eof) return;
        }
    }

    private string? LexStatement(ref bool inBraces, ref bool inBrackets)
    {
        SkipSpaceAndComments();
        if (_pos >= _input.Length)
        {
            if (_parenDepth > 0) return "unclosed left parenthesis";
            Emit(TokenKind.Eof, _pos, _pos);
            return null;
        }
        int start = _pos;
        char c = _input[_pos];
        switch (c)
        {
            case ',': return Single(TokenKind.Comma);
            case '(':
                _parenDepth++;
                return Single(TokenKind.LeftParen);
            case ')':
                if (_parenDepth == 0) return $"unexpected right parenthesis {QuoteRune(c)}";
                _parenDepth--;
                return Single(TokenKind.RightParen);
            case '{':
                inBraces = true;
                return Single(TokenKind.LeftBrace);
            case '}': return $"unexpected right brace {QuoteRune(c)}";
            case '[':
                inBrackets = true;
                return Single(TokenKind.LeftBracket);
            case ']': return $"unexpected right bracket {QuoteRune(c)}";
            case '@': return Single(TokenKind.At);
            case '+': return Single(TokenKind.Add);
            case '-': return Single(TokenKind.Sub);
            case '*': return Single(TokenKind.Mul);
            case '/': return Single(TokenKind.Div);
            case '%': return Single(TokenKind.Mod);
            case '^': return Single(TokenKind.Pow);
            case '=':
                if (Peek(1) == '=') return Double(TokenKind.Eqlc);
                if (Peek(1) == '~') return $"unexpected character after '=': {QuoteRune('~')}";
                return Single(TokenKind.Assign);
            case '!':
                if (Peek(1) == '=') return Double(TokenKind.Neq);
                return $"unexpected character after '!': {QuoteRune(Peek(1))}";
            case '<': return Peek(1) == '=' ? Double(TokenKind.Lte) : Single(TokenKind.Lss);
            case '>': return Peek(1) == '=' ? Double(TokenKind.Gte) : Single(TokenKind.Gtr);
            case '"' or '\'' or '`': return LexString(c);
        }
        if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) return LexNumberOrDuration();
        if (IsAlpha(c) || c == ':')
        {
            while (_pos < _input.Length && (IsAlphaNumeric(_input[_pos]) || _input[_pos] == ':')) _pos++;
            string word = _input[start.._pos];
            Emit(Classify(word), start, _pos);
            return null;
        }
        return $"unexpected character: {QuoteRune(c)}";
    }

    private string? LexInsideBraces(ref bool inBraces)
    {
        SkipSpaceAndComments();
        if (_pos >= _input.Length) return "unexpected end of input inside braces";
        int start = _pos;
        char c = _input[_pos];
        switch (c)
        {
            case ',': return Single(TokenKind.Comma);
            case '}':
                inBraces = false;
                return Single(TokenKind.RightBrace);
            case '{': return $"unexpected left brace {QuoteRune(c)}";
            case '"' or '\'' or '`': return LexString(c);
            case '=': return Peek(1) == '~' ? Double(TokenKind.EqlRegex) : Single(TokenKind.Assign);
            case '!':
                if (Peek(1) == '~') return Double(TokenKind.NeqRegex);
                if (Peek(1) == '=') return Double(TokenKind.Neq);
                return $"unexpected character after '!' inside braces: {QuoteRune(Peek(1))}";
        }
        if (IsAlpha(c))
        {
            while (_pos < _input.Length && IsAlphaNumeric(_input[_pos])) _pos++;
            Emit(TokenKind.Identifier, start, _pos);
            return null;
        }
        return $"unexpected character inside braces: {QuoteRune(c)}";
    }

    private string? LexInsideBrackets(ref bool inBrackets)
    {
        SkipSpaceAndComments();
        if (_pos >= _input.Length) return "unclosed left bracket";
        char c = _input[_pos];
        switch (c)
        {
            case ':': return Single(TokenKind.Colon);
            case ']':
                inBrackets = false;
                return Single(TokenKind.RightBracket);
            case '[': return $"unexpected left bracket {QuoteRune(c)}";
        }
        if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) return LexNumberOrDuration();
        return $"unexpected character inside brackets: {QuoteRune(c)}";
    }

    /// <summary>A number (<c>1</c>, <c>1.5e3</c>, <c>0x1f</c>, <c>1_000</c>) or a duration (<c>1h30m</c>, <c>5ms</c>).</summary>
    private string? LexNumberOrDuration()
    {
        int start = _pos;
        bool plainInteger = true;
        if (Peek(0) == '0' && (Peek(1) == 'x' || Peek(1) == 'X'))
        {
            _pos += 2;
            plainInteger = false;
            if (Peek(0) == '_') _pos++;
            if (!ScanDigits(hex: true)) return BadNumber(start);
        }
        else
        {
            bool any = ScanDigits(hex: false);
            if (Peek(0) == '.')
            {
                plainInteger = false;
                _pos++;
                any |= ScanDigits(hex: false);
            }
            if (!any) return BadNumber(start);
            if (Peek(0) is 'e' or 'E' && (IsDigit(Peek(1)) || (Peek(1) is '+' or '-' && IsDigit(Peek(2)))))
            {
                plainInteger = false;
                _pos += Peek(1) is '+' or '-' ? 2 : 1;
                ScanDigits(hex: false);
            }
        }
        if (plainInteger && IsDurationUnitStart(Peek(0)))
        {
            while (true)
            {
                if (!ScanUnit()) return BadNumber(start);
                if (!IsDigit(Peek(0))) break;
                ScanDigits(hex: false);
            }
            if (IsAlphaNumeric(Peek(0)) || Peek(0) == '.') return BadNumber(start);
            Emit(TokenKind.Duration, start, _pos);
            return null;
        }
        if (IsAlphaNumeric(Peek(0)) || Peek(0) == '.') return BadNumber(start);
        Emit(TokenKind.Number, start, _pos);
        return null;
    }

    private string BadNumber(int start)
    {
        if (_pos < _input.Length) _pos++;
        string text = _input[start.._pos];
        _pos = start;
        return $"bad number or duration syntax: \"{text}\"";
    }

    private bool ScanDigits(bool hex)
    {
        int begin = _pos;
        while (_pos < _input.Length)
        {
            char c = _input[_pos];
            if (IsDigit(c) || (hex && char.IsAsciiHexDigit(c))) _pos++;
            else if (c == '_' && _pos > begin && _pos + 1 < _input.Length && (IsDigit(_input[_pos + 1]) || (hex && char.IsAsciiHexDigit(_input[_pos + 1])))) _pos++;
            else break;
        }
        return _pos > begin;
    }

    private static bool IsDurationUnitStart(char c) => c is 'y' or 'w' or 'd' or 'h' or 'm' or 's';

    private bool ScanUnit()
    {
        char c = Peek(0);
        if (c == 'm' && Peek(1) == 's')
        {
            _pos += 2;
            return true;
        }
        if (!IsDurationUnitStart(c)) return false;
        _pos++;
        return true;
    }

    private string? LexString(char quote)
    {
        int start = _pos;
        _pos++;
        while (true)
        {
            if (_pos >= _input.Length)
            {
                _pos = start;
                return quote == '`' ? "unterminated raw string" : "unterminated quoted string";
            }
            char c = _input[_pos];
            if (c == quote)
            {
                _pos++;
                Emit(TokenKind.String, start, _pos);
                return null;
            }
            if (quote != '`')
            {
                if (c == '\n')
                {
                    _pos = start;
                    return "unterminated quoted string";
                }
                if (c == '\\')
                {
                    string? bad = StringUnquoter.CheckEscape(_input, _pos, quote, out int length);
                    if (bad is not null) return bad;
                    _pos += length;
                    continue;
                }
            }
            _pos++;
        }
    }

    private static TokenKind Classify(string word)
    {
        if (word.Contains(':')) return TokenKind.MetricIdentifier;
        switch (word.ToLowerInvariant())
        {
            case "and": return TokenKind.And;
            case "or": return TokenKind.Or;
            case "unless": return TokenKind.Unless;
            case "atan2": return TokenKind.Atan2;
            case "by": return TokenKind.By;
            case "without": return TokenKind.Without;
            case "on": return TokenKind.On;
            case "ignoring": return TokenKind.Ignoring;
            case "group_left": return TokenKind.GroupLeft;
            case "group_right": return TokenKind.GroupRight;
            case "bool": return TokenKind.Bool;
            case "offset": return TokenKind.Offset;
            case "start": return TokenKind.Start;
            case "end": return TokenKind.End;
            case "inf" or "nan": return TokenKind.Number;
        }
        return AggregationOps.TryParse(word, out _) ? TokenKind.Aggregator : TokenKind.Identifier;
    }

    private void Emit(TokenKind kind, int start, int end)
    {
        string text = _input[start..end];
        AggregationOp agg = default;
        if (kind == TokenKind.Aggregator && AggregationOps.TryParse(text, out var op)) agg = op.Value;
        _tokens.Add(new Token(kind, start, end, text, agg));
    }

    private string? Single(TokenKind kind)
    {
        Emit(kind, _pos, _pos + 1);
        _pos++;
        return null;
    }

    private string? Double(TokenKind kind)
    {
        Emit(kind, _pos, _pos + 2);
        _pos += 2;
        return null;
    }

    private void SkipSpaceAndComments()
    {
        while (_pos < _input.Length)
        {
            char c = _input[_pos];
            if (c is ' ' or '\t' or '\n' or '\r') _pos++;
            else if (c == '#')
            {
                while (_pos < _input.Length && _input[_pos] != '\n') _pos++;
            }
            else break;
        }
    }

    private char Peek(int ahead) => _pos + ahead < _input.Length ? _input[_pos + ahead] : '\0';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';
    private static bool IsAlpha(char c) => c == '_' || char.IsAsciiLetter(c);
    private static bool IsAlphaNumeric(char c) => IsAlpha(c) || IsDigit(c);

    /// <summary>Go's <c>%q</c> of a rune: <c>'x'</c>, <c>'\n'</c>, <c>'\''</c>.</summary>
    internal static string QuoteRune(char c) => c switch
    {
        '\0' => "'\\x00'",
        '\'' => "'\\''",
        '\\' => "'\\\\'",
        '\n' => "'\\n'",
        '\t' => "'\\t'",
        '\r' => "'\\r'",
        _ when char.IsControl(c) => $"'\\x{(int)c:x2}'",
        _ => $"'{c}'",
    };
}
