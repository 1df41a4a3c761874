using Argus.Store.Chunks;

namespace Argus.Store.Head;

/// <summary>
/// A completed, trimmed XOR chunk of a head series: the encoded bytes (header included) at Data[Offset..Offset+Length) and
/// its time range. A chunk the head cut owns its whole array; chunks loaded from a head chunk file share that file's.
/// </summary>
internal readonly record struct HeadChunk(byte[] Data, int Offset, int Length, long MinT, long MaxT)
{
    /// <summary>A chunk that owns its exactly sized array.</summary>
    public HeadChunk(byte[] data, long minT, long maxT) : this(data, 0, data.Length, minT, maxT) { }

    public ReadOnlySpan<byte> Bytes => Data.AsSpan(Offset, Length);

    public ChunkSnapshot Snapshot => new(Data, Length, XorChunk.CountOf(Bytes), Offset);
}
