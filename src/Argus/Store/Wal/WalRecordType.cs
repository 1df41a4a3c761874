namespace Argus.Store.Wal;

/// <summary>The first byte of a record's payload, numbered as Prometheus's tsdb/record package numbers them.</summary>
internal enum WalRecordType : byte
{
    Series = 1,
    Samples = 2,
    Tombstones = 3,
    Exemplars = 4,
    MmapMarkers = 5,
    Metadata = 6,
    HistogramSamples = 7,
    FloatHistogramSamples = 8,
}
