namespace Argus.Collect.Exposition;

/// <summary>
/// A scrape body that Prometheus would reject. The scrape fails as a whole (up = 0, appends rolled back).
/// <see cref="Reason"/> uses Prometheus's wording (e.g. <c>expected equal, got "INVALID"</c>, <c>data does not end with # EOF</c>);
/// <see cref="Text"/> is the start of the offending entry up to the byte at fault, truncated.
/// </summary>
public sealed class ExpositionException : FormatException
{
    public ExpositionException(int line, string reason, string text)
        : base(text.Length == 0 ? $"line {line}: {reason}" : $"line {line}: {reason} while parsing: {text}")
    {
        Line = line;
        Reason = reason;
        Text = text;
    }

    /// <summary>1-based line number of the byte at fault.</summary>
    public int Line { get; }

    public string Reason { get; }

    /// <summary>The offending text, Go-quoted (<c>"a{x~"</c>) and truncated; empty when the error concerns the whole body.</summary>
    public string Text { get; }
}
