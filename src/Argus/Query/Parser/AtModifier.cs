namespace Argus.Query.Parser;

/// <summary>The <c>@ start()</c> / <c>@ end()</c> forms of the @ modifier; a numeric <c>@</c> is a timestamp instead.</summary>
public enum AtModifier
{
    None,
    Start,
    End,
}
