using System.Text.RegularExpressions;

namespace Argus.Model;

/// <summary>
/// A label matcher (<c>name="v"</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>). Regular expressions are fully anchored, as in Prometheus,
/// and use RE2-compatible syntax (the subset .NET shares with RE2). An absent label matches as the empty string.
/// </summary>
public sealed class Matcher
{
    private readonly Regex? _regex;

    public Matcher(MatcherType type, string name, string value)
    {
        Type = type;
        Name = name;
        Value = value;
        if (type is MatcherType.Regexp or MatcherType.NotRegexp)
        {
            try
            {
                _regex = new Regex("^(?:" + value + ")$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(5));
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"invalid regular expression \"{value}\" for label {name}: {e.Message}", e);
            }
            SetMatches = RegexAnalysis.TryGetSetMatches(value);
            Prefix = SetMatches is null ? RegexAnalysis.LiteralPrefix(value) : null;
        }
    }

    public MatcherType Type { get; }
    public string Name { get; }
    public string Value { get; }

    /// <summary>For regexes that are an alternation of literals (<c>a|b|c</c>), the literals; otherwise null.</summary>
    public IReadOnlyList<string>? SetMatches { get; }

    /// <summary>For regexes with a literal prefix (<c>foo.*</c>), the prefix every match starts with; otherwise null.</summary>
    public string? Prefix { get; }

    public static Matcher Equal(string name, string value) => new(MatcherType.Equal, name, value);

    public bool Matches(string value) => Type switch
    {
        MatcherType.Equal => value == Value,
        MatcherType.NotEqual => value != Value,
        MatcherType.Regexp => _regex!.IsMatch(value),
        MatcherType.NotRegexp => !_regex!.IsMatch(value),
        _ => throw new InvalidOperationException("BUG: unknown match type " + Type),
    };

    /// <summary>True when the matcher accepts the empty string, i.e. also selects series lacking the label.</summary>
    public bool MatchesEmpty => Matches("");

    public override string ToString()
    {
        string op = Type switch
        {
            MatcherType.Equal => "=",
            MatcherType.NotEqual => "!=",
            MatcherType.Regexp => "=~",
            _ => "!~",
        };
        var sb = new System.Text.StringBuilder(Name).Append(op).Append('"');
        Labels.AppendEscaped(sb, Value);
        return sb.Append('"').ToString();
    }
}
