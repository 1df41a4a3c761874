namespace Argus.Store.Chunks;

/// <summary>
/// An immutable view of an XOR chunk's first <see cref="Count"/> samples over a byte array, starting at <see cref="Offset"/>
/// (0 but for chunks loaded from head chunk files, which share one array per file). The array may be shared with
/// a writer that appends beyond <see cref="Length"/>; bytes before it never change except the header, which readers ignore
/// in favour of <see cref="Count"/>. (The last partial byte may gain low bits, but those lie past the samples read.)
/// </summary>
public readonly record struct ChunkSnapshot(byte[] Data, int Length, int Count, int Offset = 0)
{
    /// <summary>Wraps a complete encoded chunk (header included), e.g. read from a block file.</summary>
    public static ChunkSnapshot FromEncoded(byte[] data, int offset, int length)
    {
        if (length < 2) throw new InvalidDataException($"chunk of {length} bytes is shorter than its 2-byte header");
        if (offset != 0) data = data.AsSpan(offset, length).ToArray();
        return new ChunkSnapshot(data, length, XorChunk.CountOf(data));
    }
}
