using System.Buffers;
using System.Buffers.Binary;
using Argus.Store.Blocks;
using Argus.Store.Wal;

namespace Argus.Remote.Read;

/// <summary>
/// Frames a stream of protobuf messages as Prometheus's storage/remote/chunked.go ChunkedWriter does: each frame is the
/// message length as an unsigned varint, the CRC-32 Castagnoli of the message as 4 big-endian bytes, then the message.
/// Messages are written straight into a batch buffer (the caller knows their size in advance, so the length goes first
/// and the checksum is filled in afterwards) and the batch goes to the output stream once it holds
/// <see cref="FlushBytes"/>, so a response of many small series is not one network write per series. Memory stays
/// bounded by the batch plus the largest frame. Not thread-safe: one per response. Layout: docs/federation.md.
/// </summary>
public sealed class ChunkedWriter(Stream output)
{
    /// <summary>
    /// Batch size that triggers a write to the stream: 64 KiB, large enough that per-write overhead (a chunked-encoding
    /// header, a syscall) is small against the payload, small enough that the client sees data early.
    /// </summary>
    public const int FlushBytes = 64 * 1024;

    /// <summary>Longest frame header: a 10-byte uvarint length and the 4-byte checksum.</summary>
    public const int MaxHeaderBytes = 10 + 4;

    private readonly ArrayBufferWriter<byte> _batch = new(FlushBytes);
    private int _headerBytes;   // of the frame begun and not yet ended
    private int _messageBytes;

    /// <summary>True once the batch should be handed to the stream with <see cref="FlushAsync"/>.</summary>
    public bool BatchFull => _batch.WrittenCount >= FlushBytes;

    /// <summary>
    /// Starts a frame of exactly <paramref name="messageBytes"/> bytes and returns the span the caller must fill
    /// completely before calling <see cref="EndFrame"/>. The span is valid until then.
    /// </summary>
    public Span<byte> BeginFrame(int messageBytes)
    {
        Span<byte> span = _batch.GetSpan(MaxHeaderBytes + messageBytes);
        int n = Varint.PutUvarint(span, (ulong)messageBytes);
        _headerBytes = n + 4;
        _messageBytes = messageBytes;
        return span.Slice(_headerBytes, messageBytes);
    }

    /// <summary>Computes the checksum of the message written into the span from <see cref="BeginFrame"/> and commits the frame.</summary>
    public void EndFrame()
    {
        // The same free span BeginFrame returned: nothing was advanced since, and this size hint is no larger, so no growth.
        Span<byte> span = _batch.GetSpan(_headerBytes + _messageBytes);
        uint crc = Crc32C.Compute(span.Slice(_headerBytes, _messageBytes));
        BinaryPrimitives.WriteUInt32BigEndian(span.Slice(_headerBytes - 4, 4), crc);
        _batch.Advance(_headerBytes + _messageBytes);
    }

    /// <summary>Hands the batched frames to the stream and flushes it, so the client receives them now.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch.WrittenCount == 0) return;
        await output.WriteAsync(_batch.WrittenMemory, cancellationToken);
        await output.FlushAsync(cancellationToken);
        _batch.ResetWrittenCount();
    }
}
