using Argus.Store.Blocks;

namespace Argus.Store.Compaction;

/// <summary>
/// Chooses the next blocks to compact, as Prometheus's LeveledCompactor.Plan does: first any group of overlapping blocks
/// (vertical compaction, e.g. after backfill); otherwise, leaving out the newest block (it stays untouched for a block
/// period so backups can copy it), the first group of ≥2 blocks that fills a whole range of the next size up, or that
/// lies entirely before the newest remaining block and so can never grow further.
/// </summary>
public static class CompactionPlanner
{
    /// <summary>The blocks to compact together (sorted by MinTime), or an empty list when there is nothing to do.</summary>
    public static IReadOnlyList<BlockMeta> Plan(IEnumerable<BlockMeta> blocks, long[] ranges)
    {
        var sorted = blocks.OrderBy(b => b.MinTime).ThenBy(b => b.MaxTime).ToList();
        var overlapping = Overlapping(sorted);
        if (overlapping.Count > 1) return overlapping;
        if (sorted.Count < 2) return [];
        sorted.RemoveAt(sorted.Count - 1);
        return SelectForRanges(sorted, ranges);
    }

    /// <summary>The first run of blocks each overlapping the time span of the run before it.</summary>
    internal static List<BlockMeta> Overlapping(List<BlockMeta> sorted)
    {
        var group = new List<BlockMeta>();
        long maxT = long.MinValue;
        foreach (var b in sorted)
        {
            if (group.Count > 0 && b.MinTime < maxT)
            {
                group.Add(b);
            }
            else
            {
                if (group.Count > 1) return group;
                group.Clear();
                group.Add(b);
                maxT = long.MinValue;
            }
            maxT = Math.Max(maxT, b.MaxTime);
        }
        return group.Count > 1 ? group : [];
    }

    private static List<BlockMeta> SelectForRanges(List<BlockMeta> sorted, long[] ranges)
    {
        if (sorted.Count == 0) return [];
        long highTime = sorted[^1].MinTime;
        for (int r = 1; r < ranges.Length; r++)
        {
            foreach (var group in SplitByRange(sorted, ranges[r]))
            {
                if (group.Count < 2) continue;
                long mint = group[0].MinTime, maxt = group[^1].MaxTime;
                if (maxt - mint == ranges[r] || maxt <= highTime) return group;
            }
        }
        return [];
    }

    /// <summary>Groups blocks by the aligned range [t0, t0+range) they fall in entirely; blocks spanning a boundary are left out.</summary>
    internal static List<List<BlockMeta>> SplitByRange(List<BlockMeta> sorted, long range)
    {
        var groups = new List<List<BlockMeta>>();
        for (int i = 0; i < sorted.Count;)
        {
            long t0 = FloorDiv(sorted[i].MinTime, range) * range;
            if (sorted[i].MaxTime > t0 + range)
            {
                i++;
                continue;
            }
            var group = new List<BlockMeta>();
            for (; i < sorted.Count && sorted[i].MaxTime <= t0 + range; i++) group.Add(sorted[i]);
            groups.Add(group);
        }
        return groups;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : (a - b + 1) / b;
}
