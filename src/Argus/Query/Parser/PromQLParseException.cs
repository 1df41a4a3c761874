namespace Argus.Query.Parser;

/// <summary>
/// A query that does not parse or type-check. <see cref="Exception.Message"/> is Prometheus's text,
/// <c>1:14: parse error: unexpected &lt;op:*&gt;</c>; <see cref="Reason"/> is the part after <c>parse error: </c>.
/// </summary>
public sealed class PromQLParseException : Exception
{
    public PromQLParseException(PositionRange positionRange, string reason, string query)
        : base($"{positionRange.StartPosInput(query)}: parse error: {reason}")
    {
        PositionRange = positionRange;
        Reason = reason;
        Query = query;
        string at = positionRange.StartPosInput(query);
        int colon = at.IndexOf(':');
        Line = int.Parse(at.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture);
        Column = int.Parse(at.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture);
    }

    public PositionRange PositionRange { get; }
    public string Reason { get; }
    public string Query { get; }

    /// <summary>1-based line of the error start.</summary>
    public int Line { get; }

    /// <summary>1-based column of the error start.</summary>
    public int Column { get; }
}
