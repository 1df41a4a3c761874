namespace Argus.Store.Head;

/// <summary>
/// Head statistics for Prometheus's /api/v1/status/tsdb (headStats plus the four top-N lists). Times are ms; when the head is
/// empty MinTime is long.MaxValue and MaxTime long.MinValue.
/// </summary>
public sealed record HeadStats(
    long NumSeries,
    long NumLabelPairs,
    long ChunkCount,
    long MinTime,
    long MaxTime,
    IReadOnlyList<(string Name, long Count)> SeriesCountByMetricName,
    IReadOnlyList<(string Name, long Count)> LabelValueCountByLabelName,
    IReadOnlyList<(string Name, long Count)> MemoryInBytesByLabelName,
    IReadOnlyList<(string Name, long Count)> SeriesCountByLabelValuePair);
