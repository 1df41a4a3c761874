namespace Argus.Remote.Read;

/// <summary>The limits of /api/v1/read, with Prometheus's flag names and defaults.</summary>
public sealed record RemoteReadOptions
{
    /// <summary>--storage.remote.read-sample-limit: most samples one SAMPLES query may return (0 = no limit); streamed answers ignore it, as in Prometheus.</summary>
    public int SampleLimit { get; init; } = 50_000_000;

    /// <summary>--storage.remote.read-concurrent-limit: most read requests served at once; others wait (0 = no limit).</summary>
    public int ConcurrentLimit { get; init; } = 10;

    /// <summary>
    /// --storage.remote.read-max-bytes-in-frame: the frame budget of STREAMED_XOR_CHUNKS responses; a frame exceeds it by
    /// at most one chunk (see <see cref="ChunkedSeriesEncoder"/>).
    /// </summary>
    public int MaxBytesInFrame { get; init; } = 1_048_576;

    /// <summary>Largest uncompressed request accepted: Prometheus's decodeReadLimit (32 MiB).</summary>
    public int MaxRequestBytes { get; init; } = 32 * 1024 * 1024;
}
