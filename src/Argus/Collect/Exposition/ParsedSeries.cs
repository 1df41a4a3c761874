using Argus.Model;

namespace Argus.Collect.Exposition;

/// <summary>One series sample of a parsed body, as <see cref="ExpositionParser.ParseAll"/> returns it.</summary>
public sealed record ParsedSeries(
    Labels Labels, double Value, long? TimestampMs, MetricType Type, bool IsCreated, int Line, ParsedExemplar? Exemplar);
