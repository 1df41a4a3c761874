using Argus.Model;

namespace Argus.Store.Wal;

/// <summary>A series record entry: the ref the head assigned and the series' labels (Prometheus's record.RefSeries).</summary>
public readonly record struct RefSeries(SeriesRef Ref, Labels Labels);
