namespace Argus.Model;

public enum MatcherType
{
    Equal,
    NotEqual,
    Regexp,
    NotRegexp,
}
