using System.Text;
using System.Text.RegularExpressions;

namespace Argus.Config;

/// <summary>
/// An RE2 regular expression as Prometheus's relabel.Regexp: always anchored, compiled as <c>^(?s:pattern)$</c>, with Go's
/// group numbering and Go's <c>Regexp.Expand</c> template rules. RE2 syntax is translated to .NET where the two differ
/// (<c>(?P&lt;name&gt;…)</c>, ASCII-only <c>\d \w \s</c>, <c>\pL</c>); named groups are numbered left to right as Go does.
/// Instances are immutable and thread-safe.
/// </summary>
public sealed class RelabelRegex : IEquatable<RelabelRegex>
{
    public const string DefaultPattern = "(.*)";

    public static readonly RelabelRegex Default = new(DefaultPattern);

    private readonly Dictionary<string, int> _groupNumbers;

    /// <exception cref="FormatException">the pattern is not a valid regular expression; the message is Prometheus-like.</exception>
    public RelabelRegex(string pattern)
    {
        Pattern = pattern;
        string translated = Translate(pattern, out _groupNumbers);
        try
        {
            Regex = new Regex("^(?s:" + translated + ")\\z", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        }
        catch (ArgumentException e)
        {
            // .NET quotes the translated, anchored pattern and an offset into it; keep only the reason.
            string reason = e.Message;
            int offset = reason.IndexOf(" at offset ", StringComparison.Ordinal);
            int reasonStart = offset < 0 ? -1 : reason.IndexOf(". ", offset, StringComparison.Ordinal);
            if (reasonStart > 0) reason = reason[(reasonStart + 2)..];
            throw new FormatException($"error parsing regexp \"{pattern}\": {reason}", e);
        }
    }

    /// <summary>The expression as written in the configuration, without the implicit anchors.</summary>
    public string Pattern { get; }

    /// <summary>The anchored .NET regex; groups are all unnamed so that group i is Go's group i.</summary>
    public Regex Regex { get; }

    public bool IsDefault => Pattern == DefaultPattern;

    public bool IsMatch(string input) => Regex.IsMatch(input);

    /// <summary>Appends <paramref name="template"/> to <paramref name="dst"/>, expanding <c>$1</c>, <c>${1}</c>, <c>$name</c>,
    /// <c>${name}</c> and <c>$$</c> from <paramref name="match"/> exactly as Go's Regexp.ExpandString does.</summary>
    public void Expand(StringBuilder dst, string template, Match match)
    {
        int i = 0;
        while (i < template.Length)
        {
            int dollar = template.IndexOf('$', i);
            if (dollar < 0) break;
            dst.Append(template, i, dollar - i);
            i = dollar + 1;
            if (i < template.Length && template[i] == '$')
            {
                dst.Append('$');
                i++;
                continue;
            }
            if (!TryExtract(template, i, out string name, out int num, out int rest))
            {
                dst.Append('$'); // malformed: the '$' is literal text
                continue;
            }
            i = rest;
            if (num < 0 && !_groupNumbers.TryGetValue(name, out num)) continue;
            if (num < match.Groups.Count && match.Groups[num].Success) dst.Append(match.Groups[num].ValueSpan);
        }
        dst.Append(template, i, template.Length - i);
    }

    public string Expand(string template, Match match)
    {
        if (template.IndexOf('$') < 0) return template; // Fast path: nothing to expand.
        var sb = new StringBuilder(template.Length + 16);
        Expand(sb, template, match);
        return sb.ToString();
    }

    // Go's regexp extract(): a name of letters, digits and '_' optionally in braces; all-digit names are group numbers
    // (no leading zeros, below 1e8), other names refer to named groups.
    private static bool TryExtract(string s, int start, out string name, out int num, out int rest)
    {
        name = "";
        num = -1;
        rest = start;
        if (start >= s.Length) return false;
        bool brace = s[start] == '{';
        int i = brace ? start + 1 : start;
        int nameStart = i;
        while (i < s.Length)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLetterOrDigit(s, i))
            {
                i += 2;
                continue;
            }
            if (!char.IsLetterOrDigit(s[i]) && s[i] != '_') break;
            i++;
        }
        if (i == nameStart) return false;
        name = s[nameStart..i];
        if (brace)
        {
            if (i >= s.Length || s[i] != '}') return false;
            i++;
        }
        num = 0;
        foreach (char c in name)
        {
            if (c is < '0' or > '9' || num >= 100_000_000)
            {
                num = -1;
                break;
            }
            num = num * 10 + (c - '0');
        }
        if (name[0] == '0' && name.Length > 1) num = -1;
        rest = i;
        return true;
    }

    /// <summary>Rewrites RE2 syntax into equivalent .NET syntax and makes every group unnamed, recording names → numbers.</summary>
    private static string Translate(string p, out Dictionary<string, int> names)
    {
        names = new Dictionary<string, int>(StringComparer.Ordinal);
        var sb = new StringBuilder(p.Length + 8);
        int group = 0;
        bool inClass = false;
        for (int i = 0; i < p.Length; i++)
        {
            char c = p[i];
            if (c == '\\' && i + 1 < p.Length)
            {
                char n = p[i + 1];
                i++;
                switch (n)
                {
                    case 'd': sb.Append(inClass ? "0-9" : "[0-9]"); break;
                    case 'w': sb.Append(inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]"); break;
                    case 's': sb.Append(inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]"); break;
                    case 'D' when !inClass: sb.Append("[^0-9]"); break;
                    case 'W' when !inClass: sb.Append("[^a-zA-Z0-9_]"); break;
                    case 'S' when !inClass: sb.Append("[^\\t\\n\\f\\r ]"); break;
                    case 'p' or 'P' when i + 1 < p.Length && p[i + 1] != '{':
                        sb.Append('\\').Append(n).Append('{').Append(p[i + 1]).Append('}');
                        i++;
                        break;
                    default: sb.Append('\\').Append(n); break;
                }
                continue;
            }
            if (inClass)
            {
                if (c == ']') inClass = false;
                sb.Append(c);
                continue;
            }
            if (c == '[')
            {
                inClass = true;
                sb.Append(c);
                // A ']' right after '[' or '[^' is a literal member of the class.
                if (i + 1 < p.Length && p[i + 1] == '^') sb.Append(p[++i]);
                if (i + 1 < p.Length && p[i + 1] == ']')
                {
                    sb.Append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '(')
            {
                if (i + 1 < p.Length && p[i + 1] == '?')
                {
                    int nameStart = -1;
                    if (p.AsSpan(i).StartsWith("(?P<")) nameStart = i + 4;
                    else if (p.AsSpan(i).StartsWith("(?<") && i + 3 < p.Length && p[i + 3] is not ('=' or '!')) nameStart = i + 3;
                    if (nameStart >= 0)
                    {
                        int close = p.IndexOf('>', nameStart);
                        if (close > nameStart)
                        {
                            group++;
                            names.TryAdd(p[nameStart..close], group);
                            sb.Append('(');
                            i = close;
                            continue;
                        }
                    }
                    sb.Append(c);
                    continue;
                }
                group++;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    public bool Equals(RelabelRegex? other) => other is not null && other.Pattern == Pattern;
    public override bool Equals(object? obj) => Equals(obj as RelabelRegex);
    public override int GetHashCode() => Pattern.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Pattern;
}
