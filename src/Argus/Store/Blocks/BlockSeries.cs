using Argus.Model;

namespace Argus.Store.Blocks;

/// <summary>One series of a block: its labels and the chunks overlapping the querier's range.</summary>
internal sealed class BlockSeries(Labels labels, ChunkMeta[] chunks, ChunkSegmentReader reader, long mint, long maxt, string dir) : ISeries
{
    public Labels Labels { get; } = labels;

    public ISampleIterator Iterator(ISampleIterator? reuse = null)
    {
        var it = reuse as BlockSeriesIterator ?? new BlockSeriesIterator();
        it.Reset(chunks, reader, mint, maxt, dir, Labels);
        return it;
    }
}
