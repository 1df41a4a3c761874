namespace Argus.Store.HeadChunks;

/// <summary>
/// A completed head chunk as a head chunk file holds it: the series' ref (the WAL's ref), its time range and the encoded
/// XOR chunk (header included, exactly sized). The array is shared with the head and never modified.
/// </summary>
internal readonly record struct DiskChunk(ulong SeriesRef, long MinT, long MaxT, byte[] Data);
