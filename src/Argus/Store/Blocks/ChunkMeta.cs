namespace Argus.Store.Blocks;

/// <summary>
/// Where one chunk of a series lives: its sample time range [MinT, MaxT] (inclusive), the segment file number, the byte
/// offset inside it and the encoded length (XOR chunk, 2-byte count header included).
/// </summary>
public readonly record struct ChunkMeta(long MinT, long MaxT, int Segment, long Offset, int Length);
