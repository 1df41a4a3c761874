namespace Argus.Query.Engine;

/// <summary>A query failed while being evaluated; the message is Prometheus's text for the same failure.</summary>
public sealed class QueryException(QueryErrorKind kind, string message) : Exception(message)
{
    public const string TooManySamplesMessage = "query processing would load too many samples into memory in query execution";

    public QueryErrorKind Kind { get; } = kind;
}
