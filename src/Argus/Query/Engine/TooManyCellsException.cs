namespace Argus.Query.Engine;

/// <summary>Thrown by <see cref="SimpleAggregation.Add"/> when the accumulators would exceed <see cref="EngineOptions.MaxAggregationCells"/>.</summary>
internal sealed class TooManyCellsException() : Exception("BUG: streamed aggregation exceeded its cell budget and was not retried step by step");
