using System.Buffers;
using System.IO.Compression;

namespace Argus.Collect.Scrape;

/// <summary>
/// Reads a scrape response body into a buffer rented from a pool shared by every target, inflating gzip and enforcing
/// body_size_limit on the decompressed size, as Prometheus does.
/// <para>A target holds its buffer only from <see cref="ReadAsync"/> until <see cref="Release"/>, which the scrape loop
/// calls once the body is parsed and appended. Buffers kept per target (200 targets of ~1 MB bodies) were ~200 bytes a
/// series of resident memory at 1M series; pooled, the memory follows the number of scrapes in flight instead.</para>
/// </summary>
internal sealed class HttpBodyReader
{
    private const int InitialBytes = 16 * 1024;
    private const long MaxPresizeBytes = 64 * 1024 * 1024;

    /// <summary>
    /// Bodies of every target. Scrapes are spread over the interval, so few are in flight at once: four buffers a size
    /// class (powers of two) cover the usual overlap, and a burst beyond that allocates and lets the GC take the extra
    /// buffers back. Bodies over 64 MiB are not pooled at all. Unlike <see cref="ArrayPool{T}.Shared"/>, whose per-core
    /// stacks can keep 32 buffers of each size for minutes, this pool's retention is bounded by construction.
    /// </summary>
    private static readonly ArrayPool<byte> s_pool = ArrayPool<byte>.Create(maxArrayLength: (int)MaxPresizeBytes, maxArraysPerBucket: 4);

    private byte[]? _buffer;

    /// <summary>
    /// Reads the whole body; the returned memory is valid until <see cref="Release"/> or the next call. Without a release
    /// in between, the next call reuses the same buffer.
    /// </summary>
    public async Task<ReadOnlyMemory<byte>> ReadAsync(HttpResponseMessage response, long limitBytes, CancellationToken ct)
    {
        await using Stream raw = await response.Content.ReadAsStreamAsync(ct);
        bool gzip = false;
        foreach (string encoding in response.Content.Headers.ContentEncoding)
        {
            gzip |= encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        }
        // A declared length sizes the buffer up front (one spare byte for the read that sees the end), so a big body is read
        // without regrowing; capped, so a target cannot make us allocate much by merely announcing it.
        int wanted = InitialBytes;
        if (response.Content.Headers.ContentLength is long declared && !gzip && declared < MaxPresizeBytes &&
            (limitBytes <= 0 || declared <= limitBytes))
        {
            wanted = Math.Max(wanted, (int)declared + 1);
        }
        if (_buffer is null || _buffer.Length < wanted)
        {
            Release();
            _buffer = s_pool.Rent(wanted);
        }
        await using Stream body = gzip ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        int len = 0;
        while (true)
        {
            if (len == _buffer.Length)
            {
                var bigger = s_pool.Rent(_buffer.Length * 2);
                _buffer.AsSpan(0, len).CopyTo(bigger);
                s_pool.Return(_buffer);
                _buffer = bigger;
            }
            int n;
            try
            {
                n = await body.ReadAsync(_buffer.AsMemory(len), ct);
            }
            catch (InvalidDataException e)
            {
                throw new ScrapeException("invalid gzip body: " + e.Message);
            }
            if (n == 0) break;
            len += n;
            if (limitBytes > 0 && len > limitBytes)
            {
                throw new ScrapeException($"body size limit exceeded: the body is larger than the limit of {limitBytes} bytes");
            }
        }
        return _buffer.AsMemory(0, len);
    }

    /// <summary>Gives the buffer back to the shared pool; the memory returned by the last read must no longer be used.</summary>
    public void Release()
    {
        if (_buffer is null) return;
        s_pool.Return(_buffer);
        _buffer = null;
    }
}
