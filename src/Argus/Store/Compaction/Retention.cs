using Argus.Store.Blocks;

namespace Argus.Store.Compaction;

/// <summary>Which blocks retention deletes, oldest first, as Prometheus's beyondTimeRetention and beyondSizeRetention decide.</summary>
public static class Retention
{
    /// <summary>Blocks whose MaxTime lies more than <paramref name="retentionMs"/> before the newest block's MaxTime.</summary>
    public static IReadOnlyList<BlockMeta> BeyondTime(IReadOnlyList<BlockMeta> blocks, long retentionMs)
    {
        if (retentionMs <= 0 || blocks.Count == 0) return [];
        long newest = blocks.Max(b => b.MaxTime);
        return blocks.Where(b => newest - b.MaxTime > retentionMs).OrderBy(b => b.MinTime).ToList();
    }

    /// <summary>
    /// Walking from the newest block back, the blocks from the first one that makes the total exceed the limit onwards.
    /// <paramref name="otherBytes"/> (WAL and head chunks) counts first, as Prometheus counts the head first.
    /// </summary>
    public static IReadOnlyList<T> BeyondSize<T>(IReadOnlyList<T> blocks, Func<T, BlockMeta> meta, Func<T, long> sizeBytes, long limitBytes, long otherBytes)
    {
        if (limitBytes <= 0) return [];
        var newestFirst = blocks.OrderByDescending(b => meta(b).MaxTime).ToList();
        long total = otherBytes;
        for (int i = 0; i < newestFirst.Count; i++)
        {
            total += sizeBytes(newestFirst[i]);
            if (total > limitBytes) return newestFirst.Skip(i).Reverse().ToList();
        }
        return [];
    }
}
