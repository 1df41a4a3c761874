using System.Globalization;
using System.Text;

namespace Argus.Query.Parser;

/// <summary>
/// Go string-literal rules as PromQL uses them (strutil.Unquote, strconv.Quote): double- and single-quoted strings with
/// escapes (<c>\n</c>, <c>\x41</c>, <c>\101</c>, <c>\u00e9</c>, <c>\U0001F600</c>), raw back-quoted strings without.
/// Byte escapes build UTF-8; bytes that are not valid UTF-8 become U+FFFD (Go strings may hold them, .NET strings cannot).
/// </summary>
internal static class StringUnquoter
{
    /// <summary>Validates the escape at <paramref name="pos"/> (a backslash); returns the Prometheus message if bad.</summary>
    public static string? CheckEscape(string s, int pos, char quote, out int length)
    {
        length = 2;
        if (pos + 1 >= s.Length) return "escape sequence not terminated";
        char c = s[pos + 1];
        switch (c)
        {
            case 'a' or 'b' or 'f' or 'n' or 'r' or 't' or 'v' or '\\':
                return null;
            case '\'' or '"':
                return c == quote ? null : "unknown escape sequence";
            case 'x': return CheckDigits(s, pos + 2, 2, 16, 0xFF, ref length);
            case 'u': return CheckDigits(s, pos + 2, 4, 16, 0x10FFFF, ref length);
            case 'U': return CheckDigits(s, pos + 2, 8, 16, 0x10FFFF, ref length);
            case >= '0' and <= '7':
                length = 1;
                return CheckDigits(s, pos + 1, 3, 8, 0xFF, ref length);
            default: return "unknown escape sequence";
        }
    }

    private static string? CheckDigits(string s, int start, int count, int radix, int max, ref int length)
    {
        int value = 0;
        for (int i = 0; i < count; i++)
        {
            if (start + i >= s.Length || s[start + i] is '\n') return "escape sequence not terminated";
            int d = radix == 8 ? (s[start + i] is >= '0' and <= '7' ? s[start + i] - '0' : -1) : HexValue(s[start + i]);
            if (d < 0) return $"illegal character {Lexer.QuoteRune(s[start + i])} in escape sequence";
            value = value * radix + d;
        }
        if (value > max || (value is >= 0xD800 and <= 0xDFFF && radix == 16 && count > 2))
        {
            return "escape sequence is invalid Unicode code point";
        }
        length += count;
        return null;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>Unquotes a lexed string token (quotes included); the lexer has already validated it.</summary>
    public static string Unquote(string token)
    {
        char quote = token[0];
        string body = token[1..^1];
        if (quote == '`' || !body.Contains('\\')) return body;
        var bytes = new List<byte>(body.Length);
        Span<byte> buf = stackalloc byte[4];
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c != '\\')
            {
                if (char.IsHighSurrogate(c) && i + 1 < body.Length)
                {
                    AppendRune(bytes, new Rune(c, body[++i]), buf);
                }
                else
                {
                    AppendRune(bytes, Rune.IsValid(c) ? new Rune(c) : Rune.ReplacementChar, buf);
                }
                continue;
            }
            char e = body[++i];
            switch (e)
            {
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'n': bytes.Add(10); break;
                case 'r': bytes.Add(13); break;
                case 't': bytes.Add(9); break;
                case 'v': bytes.Add(11); break;
                case 'x':
                    bytes.Add((byte)int.Parse(body.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                case 'u' or 'U':
                    int n = e == 'u' ? 4 : 8;
                    AppendRune(bytes, new Rune(int.Parse(body.AsSpan(i + 1, n), NumberStyles.HexNumber, CultureInfo.InvariantCulture)), buf);
                    i += n;
                    break;
                case >= '0' and <= '7':
                    bytes.Add((byte)((e - '0') * 64 + (body[i + 1] - '0') * 8 + (body[i + 2] - '0')));
                    i += 2;
                    break;
                default: bytes.Add((byte)e); break; // \\ \' \"
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static void AppendRune(List<byte> bytes, Rune rune, Span<byte> buf)
    {
        int n = rune.EncodeToUtf8(buf);
        for (int i = 0; i < n; i++) bytes.Add(buf[i]);
    }

    /// <summary>Go's strconv.Quote: double quotes, escapes for quotes, backslashes and non-printable characters.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            int v = rune.Value;
            switch (v)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case 7: sb.Append("\\a"); break;
                case 8: sb.Append("\\b"); break;
                case 12: sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case 11: sb.Append("\\v"); break;
                default:
                    if (v < 0x20 || v == 0x7f) sb.Append("\\x").Append(v.ToString("x2", CultureInfo.InvariantCulture));
                    else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                             or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned
                             or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate)
                    {
                        sb.Append(v > 0xFFFF ? "\\U" + v.ToString("x8", CultureInfo.InvariantCulture) : "\\u" + v.ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else sb.Append(rune.ToString());
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
