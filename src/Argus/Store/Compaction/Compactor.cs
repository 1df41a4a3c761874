using Argus.Model;
using Argus.Store.Blocks;

namespace Argus.Store.Compaction;

/// <summary>
/// Merges blocks into one: a merge querier over the sources (overlaps deduplicated by timestamp) is written as a new block
/// of level max(source levels) + 1 whose sources are the union of the inputs' sources and whose parents are the inputs.
/// The caller deletes the inputs only after the new block is visible; if it crashes in between, the next open sees the
/// inputs named as parents of a loaded block and deletes them.
/// </summary>
public static class Compactor
{
    /// <summary>Writes the compacted block into dir; null when the sources held no samples.</summary>
    public static BlockMeta? Compact(string dir, IReadOnlyList<Block> sources, long nowMs)
    {
        if (sources.Count == 0) throw new ArgumentException("nothing to compact", nameof(sources));
        long mint = sources.Min(b => b.MinTime), maxt = sources.Max(b => b.MaxTime);
        var compaction = new BlockCompactionMeta(
            sources.Max(b => b.Meta.Compaction.Level) + 1,
            sources.SelectMany(b => b.Meta.Compaction.Sources).Distinct().Order(StringComparer.Ordinal).ToList(),
            sources.Select(b => b.Meta.Ulid).ToList());
        var queriers = new List<IQuerier>(sources.Count);
        try
        {
            foreach (var b in sources) queriers.Add(b.Querier(mint, maxt - 1));
        }
        catch
        {
            foreach (var q in queriers) q.Dispose();
            throw;
        }
        using var merge = new MergeQuerier(queriers, mint, maxt - 1);
        return BlockWriter.Write(dir, merge, mint, maxt, compaction, nowMs, select: Array.Empty<Matcher>());
    }
}
