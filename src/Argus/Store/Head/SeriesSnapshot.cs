using Argus.Store.Chunks;

namespace Argus.Store.Head;

/// <summary>
/// The chunks of one series a querier will read: closed[From..To) (an array never mutated after publication) and, when
/// <see cref="Open"/> has samples, the open chunk's first Open.Count samples.
/// </summary>
internal readonly record struct SeriesSnapshot(HeadChunk[] Closed, int From, int To, ChunkSnapshot Open)
{
    public bool IsEmpty => From >= To && Open.Count == 0;
}
