namespace Argus.Query.Parser;

/// <summary>One lexed item: its kind, the text span <c>[Pos, End)</c>, and for errors the message.</summary>
internal readonly record struct Token(TokenKind Kind, int Pos, int End, string Text, AggregationOp Aggregation = default)
{
    public PositionRange Range => new(Pos, End);

    public bool IsOperator => Kind is >= TokenKind.Add and <= TokenKind.At;
    public bool IsKeyword => Kind is >= TokenKind.By and <= TokenKind.End;

    /// <summary>How Prometheus names an unexpected item: <c>&lt;op:*&gt;</c>, <c>identifier "foo"</c>, <c>"("</c>, <c>end of input</c>.</summary>
    public string Describe()
    {
        switch (Kind)
        {
            case TokenKind.Eof: return "end of input";
            case TokenKind.Error: return Text;
            case TokenKind.Identifier: return "identifier " + Quote(Text);
            case TokenKind.MetricIdentifier: return "metric identifier " + Quote(Text);
            case TokenKind.Number: return "number " + Quote(Text);
            case TokenKind.Duration: return "duration " + Quote(Text);
            case TokenKind.String: return "string " + Quote(Text.Length > 10 ? Text[..10] : Text) + (Text.Length > 10 ? "..." : "");
            case TokenKind.Aggregator: return "<aggr:" + Text + ">";
        }
        if (IsOperator) return "<op:" + Text + ">";
        if (IsKeyword) return "<" + Text + ">";
        return Quote(Text);
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
