using System.Text;

namespace Argus.Model;

/// <summary>
/// Finds the literal structure of simple regexes so the index can answer them without running the regex on every value:
/// alternations of plain literals (<c>a|b|c</c>) become set lookups; a literal prefix narrows the scanned value range.
/// </summary>
internal static class RegexAnalysis
{
    private const string Meta = "\\.+*?()|[]{}^$";

    /// <summary>The literals of <c>lit1|lit2|…</c> (optionally wrapped in one group), or null if the pattern is anything else.</summary>
    public static IReadOnlyList<string>? TryGetSetMatches(string pattern)
    {
        string p = pattern;
        if (p.StartsWith("(?:", StringComparison.Ordinal) && p.EndsWith(')') && Balanced(p[3..^1])) p = p[3..^1];
        else if (p.StartsWith('(') && p.EndsWith(')') && !p.StartsWith("(?", StringComparison.Ordinal) && Balanced(p[1..^1])) p = p[1..^1];
        var result = new List<string>();
        var cur = new StringBuilder();
        for (int i = 0; i < p.Length; i++)
        {
            char c = p[i];
            if (c == '\\')
            {
                if (i + 1 >= p.Length) return null;
                char n = p[i + 1];
                if (!Meta.Contains(n) && n != '-' && n != '/') return null; // \d, \w, \b… are classes, not literals
                cur.Append(n);
                i++;
            }
            else if (c == '|')
            {
                result.Add(cur.ToString());
                cur.Clear();
            }
            else if (Meta.Contains(c))
            {
                return null;
            }
            else
            {
                cur.Append(c);
            }
        }
        result.Add(cur.ToString());
        return result;
    }

    /// <summary>The literal text every match must start with (may be empty), or null when the pattern has a top-level alternation.</summary>
    public static string? LiteralPrefix(string pattern)
    {
        if (!Balanced(pattern) || HasTopLevelAlternation(pattern)) return null;
        var sb = new StringBuilder();
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && Meta.Contains(pattern[i + 1]))
            {
                // An escaped literal is only part of the prefix if no quantifier follows it.
                if (i + 2 < pattern.Length && "*?{".Contains(pattern[i + 2])) break;
                sb.Append(pattern[i + 1]);
                i++;
                continue;
            }
            if (Meta.Contains(c)) break;
            if (i + 1 < pattern.Length && "*?{".Contains(pattern[i + 1])) break;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool HasTopLevelAlternation(string p) => Scan(p).TopLevelAlternation;

    private static bool Balanced(string p) => Scan(p).Balanced;

    /// <summary>One pass over a pattern's structure: escapes skipped, character classes opaque, groups counted.</summary>
    private static (bool Balanced, bool TopLevelAlternation) Scan(string p)
    {
        int depth = 0;
        bool inClass = false, alternation = false;
        for (int i = 0; i < p.Length; i++)
        {
            char c = p[i];
            if (c == '\\') { i++; continue; }
            if (inClass) { if (c == ']') inClass = false; continue; }
            if (c == '[') inClass = true;
            else if (c == '(') depth++;
            else if (c == ')' && --depth < 0) return (false, alternation);
            else if (c == '|' && depth == 0) alternation = true;
        }
        return (depth == 0 && !inClass, alternation);
    }
}
