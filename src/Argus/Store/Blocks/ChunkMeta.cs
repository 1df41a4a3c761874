namespace Argus.Store.Blocks;

/// <summary>
/// Where one chunk of a series lives: its sample time range [MinT, MaxT] (inclusive), the segment file number, the byte
/// offset inside it and the stored length (in a version-2 segment the encoding byte plus the chunk with its 2-byte count
/// header; in a version-1 segment the XOR chunk alone).
/// </summary>
public readonly record struct ChunkMeta(long MinT, long MaxT, int Segment, long Offset, int Length);
