using Argus.Telemetry;

namespace Argus.Store.HeadChunks;

/// <summary>
/// Self-metrics of the head chunk files: Prometheus's prometheus_tsdb_head_chunks_storage_size_bytes and
/// prometheus_tsdb_mmap_chunk_corruptions_total with the argus_ prefix, plus Argus's own file and write counts.
/// </summary>
internal sealed class HeadChunkMetrics(MetricsRegistry r, Func<double> sizeBytes, Func<double> files)
{
    public readonly Gauge StorageSize = r.Gauge("argus_tsdb_head_chunks_storage_size_bytes", "Size of the chunks_head directory.", sizeBytes);
    public readonly Gauge Files = r.Gauge("argus_tsdb_head_chunks_files", "Number of head chunk files in the chunks_head directory.", files);
    public readonly Counter Corruptions = r.Counter("argus_tsdb_mmap_chunk_corruptions_total",
        "Total number of memory-mapped (head chunk file) corruptions found and truncated at start-up.");
    public readonly Counter Written = r.Counter("argus_tsdb_head_chunks_written_total", "Completed head chunks written to head chunk files.");
    public readonly Counter WriteFailures = r.Counter("argus_tsdb_head_chunks_write_failures_total",
        "Failed writes of head chunk files; after one, completed chunks stay in memory only until the next restart.");
    public readonly Gauge QueueLength = r.Gauge("argus_tsdb_head_chunks_write_queue_length", "Completed head chunks waiting to be written.");
}
