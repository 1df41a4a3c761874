using Argus.Model;

namespace Argus.Store.Wal;

/// <summary>A samples record entry: series ref, timestamp in ms, value (Prometheus's record.RefSample).</summary>
public readonly record struct RefSample(SeriesRef Ref, long T, double V);
