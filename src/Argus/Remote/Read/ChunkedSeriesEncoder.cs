using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Argus.Model;
using Argus.Remote.Protocol;
using Argus.Store;
using Argus.Store.Blocks;
using Argus.Store.Chunks;

namespace Argus.Remote.Read;

/// <summary>
/// Cuts one series into prompb.ChunkedReadResponse frames for a STREAMED_XOR_CHUNKS remote read, as Prometheus's
/// StreamChunkedReadResponses (storage/remote/codec.go) does: every frame holds one ChunkedSeries with the series' full
/// label set and as many chunks as fit, and carries the index of the query it answers. Chunks are re-encoded from the
/// iterator's samples, which the querier has already clipped to the query's [start, end], so they cover exactly the
/// requested range; each holds up to <see cref="XorChunk.TargetSamples"/> samples, as a head chunk does.
/// <para>Frame budget, as Prometheus: <c>maxBytesInFrame</c> minus the label message sizes is spent on chunk message
/// sizes; a frame is cut once the budget is used up, so it may exceed the limit by one chunk (at most ~2 KiB for 120
/// samples) and always holds at least one chunk, whatever the limit.</para>
/// <para>Wire layout (prompb/remote.proto, types.proto): ChunkedReadResponse <c>chunked_series = 1</c>,
/// <c>query_index = 2</c> (int64, omitted when 0); ChunkedSeries <c>labels = 1</c>, <c>chunks = 2</c>; Chunk
/// <c>min_time_ms = 1</c>, <c>max_time_ms = 2</c> (int64, omitted when 0), <c>type = 3</c> (XOR = 1), <c>data = 4</c>
/// (the chunk with its 2-byte sample count header, as chunkenc's Bytes()).</para>
/// Not thread-safe; reuse one per response with <see cref="Reset"/>.
/// </summary>
public sealed class ChunkedSeriesEncoder(int maxBytesInFrame)
{
    /// <summary>prompb.Chunk.Encoding XOR, equal to chunkenc.EncXOR.</summary>
    public const int XorEncoding = 1;

    // Tags are (field << 3) | wire type: 0 varint, 2 length-delimited.
    private const byte ChunkedSeriesTag = (1 << 3) | 2;
    private const byte QueryIndexTag = (2 << 3) | 0;
    private const byte ChunksTag = (2 << 3) | 2;
    private const byte MinTimeTag = (1 << 3) | 0;
    private const byte MaxTimeTag = (2 << 3) | 0;
    private const byte TypeTag = (3 << 3) | 0;
    private const byte DataTag = (4 << 3) | 2;

    /// <summary>First capacity of a chunk being encoded: 120 samples of a regular scrape take ~150–250 bytes.</summary>
    private const int ChunkCapacity = 256;

    private readonly ArrayBufferWriter<byte> _chunks = new(4096); // the Chunk fields of the frame being cut
    private byte[] _labels = [];
    private int _dataBudget;
    private long _queryIndex;
    private ISampleIterator? _samples;
    private bool _hasSample;
    private long _lastT;

    /// <summary>Samples encoded since this encoder was created.</summary>
    public long Samples { get; private set; }

    /// <summary>
    /// Starts a series: <paramref name="labels"/> as sent (external labels already merged), <paramref name="samples"/>
    /// positioned before its first sample, oldest first.
    /// </summary>
    public void Reset(long queryIndex, Labels labels, ISampleIterator samples)
    {
        _queryIndex = queryIndex;
        _labels = TimeSeriesWriter.EncodeLabels(labels);
        int budget = maxBytesInFrame;
        foreach (Label l in labels) budget -= TimeSeriesWriter.LabelSize(l.Name, l.Value);
        _dataBudget = budget;
        _samples = samples;
        _hasSample = samples.Next();
        _lastT = long.MinValue;
    }

    /// <summary>
    /// Encodes the next frame of the current series into <paramref name="writer"/>; false, writing nothing, once the
    /// series has no samples left (a series without samples yields no frame at all).
    /// </summary>
    public bool TryWriteFrame(ChunkedWriter writer)
    {
        if (!_hasSample) return false;
        var it = _samples!;
        _chunks.ResetWrittenCount();
        int left = _dataBudget;
        do
        {
            var chunk = new XorChunk(ChunkCapacity);
            long minT = it.T;
            do
            {
                long t = it.T;
                if (t <= _lastT) ThrowNotIncreasing(_lastT, t);
                chunk.Append(t, it.V);
                _lastT = t;
                _hasSample = it.Next();
            }
            while (_hasSample && chunk.Count < XorChunk.TargetSamples);
            Samples += chunk.Count;
            left -= AppendChunk(minT, chunk.MaxTime, chunk.Bytes);
        }
        while (left > 0 && _hasSample);

        int seriesBytes = _labels.Length + _chunks.WrittenCount;
        int messageBytes = 1 + Varint.UvarintSize((ulong)seriesBytes) + seriesBytes +
            (_queryIndex == 0 ? 0 : 1 + Varint.UvarintSize((ulong)_queryIndex));
        Span<byte> message = writer.BeginFrame(messageBytes);
        message[0] = ChunkedSeriesTag;
        int pos = 1 + Varint.PutUvarint(message[1..], (ulong)seriesBytes);
        _labels.CopyTo(message[pos..]);
        pos += _labels.Length;
        _chunks.WrittenSpan.CopyTo(message[pos..]);
        pos += _chunks.WrittenCount;
        if (_queryIndex != 0)
        {
            message[pos++] = QueryIndexTag;
            pos += Varint.PutUvarint(message[pos..], (ulong)_queryIndex);
        }
        if (pos != messageBytes) ThrowSizeMismatch(messageBytes, pos);
        writer.EndFrame();
        return true;
    }

    /// <summary>Appends one ChunkedSeries.chunks field; returns the Chunk message's size, which the frame budget counts.</summary>
    private int AppendChunk(long minT, long maxT, ReadOnlySpan<byte> data)
    {
        int body = (minT == 0 ? 0 : 1 + Varint.UvarintSize((ulong)minT))
            + (maxT == 0 ? 0 : 1 + Varint.UvarintSize((ulong)maxT))
            + 2
            + 1 + Varint.UvarintSize((ulong)data.Length) + data.Length;
        int field = 1 + Varint.UvarintSize((ulong)body) + body;
        Span<byte> span = _chunks.GetSpan(field);
        span[0] = ChunksTag;
        int pos = 1 + Varint.PutUvarint(span[1..], (ulong)body);
        if (minT != 0)
        {
            span[pos++] = MinTimeTag;
            pos += Varint.PutUvarint(span[pos..], (ulong)minT);
        }
        if (maxT != 0)
        {
            span[pos++] = MaxTimeTag;
            pos += Varint.PutUvarint(span[pos..], (ulong)maxT);
        }
        span[pos++] = TypeTag;
        span[pos++] = XorEncoding;
        span[pos++] = DataTag;
        pos += Varint.PutUvarint(span[pos..], (ulong)data.Length);
        data.CopyTo(span[pos..]);
        pos += data.Length;
        if (pos != field) ThrowSizeMismatch(field, pos);
        _chunks.Advance(field);
        return body;
    }

    [DoesNotReturn]
    private static void ThrowNotIncreasing(long previous, long t) =>
        throw new InvalidOperationException($"BUG: sample iterator went from t={previous} to t={t}; samples must be in increasing time order");

    [DoesNotReturn]
    private static void ThrowSizeMismatch(int computed, int written) =>
        throw new InvalidOperationException($"BUG: chunked read response sized {computed} bytes but {written} were written");
}
