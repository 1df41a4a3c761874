namespace Argus.Store.Index;

/// <summary>
/// Cardinality of the head index, as Prometheus's /api/v1/status/tsdb reports it. Each list holds (name, count) pairs sorted
/// by count, descending. MemoryInBytesByLabelName counts value characters times series, as Prometheus does.
/// </summary>
public sealed record IndexStats(
    long LabelPairCount,
    IReadOnlyList<(string Name, long Count)> SeriesCountByMetricName,
    IReadOnlyList<(string Name, long Count)> LabelValueCountByLabelName,
    IReadOnlyList<(string Name, long Count)> MemoryInBytesByLabelName,
    IReadOnlyList<(string Name, long Count)> SeriesCountByLabelValuePair);
