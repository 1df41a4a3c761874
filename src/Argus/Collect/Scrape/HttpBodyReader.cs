using System.Buffers;
using System.IO.Compression;

namespace Argus.Collect.Scrape;

/// <summary>
/// Reads a scrape response body into a buffer reused across scrapes of one target, inflating gzip and enforcing
/// body_size_limit on the decompressed size, as Prometheus does.
/// </summary>
internal sealed class HttpBodyReader
{
    private const long MaxPresizeBytes = 64 * 1024 * 1024;
    private byte[] _buffer = new byte[16 * 1024];

    /// <summary>Reads the whole body; the returned memory is valid until the next call.</summary>
    public async Task<ReadOnlyMemory<byte>> ReadAsync(HttpResponseMessage response, long limitBytes, CancellationToken ct)
    {
        await using Stream raw = await response.Content.ReadAsStreamAsync(ct);
        bool gzip = false;
        foreach (string encoding in response.Content.Headers.ContentEncoding)
        {
            gzip |= encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        }
        // A declared length sizes the buffer up front (one spare byte for the read that sees the end), so the first scrape of
        // a big target reads without regrowing; capped, so a target cannot make us allocate much by merely announcing it.
        if (response.Content.Headers.ContentLength is long declared && !gzip && declared < MaxPresizeBytes && declared + 1 > _buffer.Length &&
            (limitBytes <= 0 || declared <= limitBytes))
        {
            _buffer = new byte[declared + 1];
        }
        await using Stream body = gzip ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        int len = 0;
        while (true)
        {
            if (len == _buffer.Length)
            {
                var bigger = new byte[_buffer.Length * 2];
                _buffer.AsSpan(0, len).CopyTo(bigger);
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
        // Shrink a buffer that grew for one unusually large body once bodies are small again.
        if (_buffer.Length > 4 * 1024 * 1024 && len < _buffer.Length / 8)
        {
            var smaller = new byte[Math.Max(16 * 1024, len * 2)];
            _buffer.AsSpan(0, len).CopyTo(smaller);
            _buffer = smaller;
        }
        return _buffer.AsMemory(0, len);
    }
}
