namespace Argus.Store.HeadChunks;

/// <summary>
/// A completed head chunk as a head chunk file holds it: the series' ref (the WAL's ref), its time range and the encoded
/// XOR chunk (header included) at Buffer[Offset..Offset+Length). Loaded chunks share their file's buffer (one array per
/// file instead of a million small ones the GC would copy around); the bytes are never modified.
/// </summary>
internal readonly record struct DiskChunk(ulong SeriesRef, long MinT, long MaxT, byte[] Buffer, int Offset, int Length)
{
    public ReadOnlySpan<byte> Bytes => Buffer.AsSpan(Offset, Length);
}
