namespace Argus.Query.Engine;

/// <summary>One float point of a series in a query result: timestamp in ms and value (Prometheus promql.FPoint).</summary>
public readonly record struct FPoint(long T, double F);
