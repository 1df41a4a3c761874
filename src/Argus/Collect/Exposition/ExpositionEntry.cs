namespace Argus.Collect.Exposition;

/// <summary>What <see cref="ExpositionParser.Next"/> found, as Prometheus's <c>textparse.Entry</c>.</summary>
public enum ExpositionEntry
{
    /// <summary>The body is exhausted (text) or ended with a valid <c># EOF</c> (OpenMetrics).</summary>
    Eof,
    Series,
    Help,
    Type,
    Unit,
    Comment,
}
