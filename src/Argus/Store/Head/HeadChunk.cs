using Argus.Store.Chunks;

namespace Argus.Store.Head;

/// <summary>A completed, trimmed XOR chunk of a head series: the encoded bytes (header included, exactly sized) and its time range.</summary>
internal readonly record struct HeadChunk(byte[] Data, long MinT, long MaxT)
{
    public ChunkSnapshot Snapshot => new(Data, Data.Length, XorChunk.CountOf(Data));
}
