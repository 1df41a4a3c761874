namespace Argus.Store.Compaction;

/// <summary>
/// Block time ranges: Prometheus's exponential ranges (2h, 6h, 18h, 54h, …: each 3× the previous) capped by the largest
/// block allowed, which is 10% of the retention time and at most 31 days, as Prometheus's --storage.tsdb.max-block-duration
/// defaults to, so that retention never has to wait long for a huge block to age out.
/// </summary>
public static class CompactionRanges
{
    public const long DefaultBlockMs = 2 * 3600_000L;
    public const long MaxBlockMs = 31 * 24 * 3600_000L;

    public static long[] Exponential(long minSizeMs, int steps, long factor)
    {
        var ranges = new long[steps];
        long r = minSizeMs;
        for (int i = 0; i < steps; i++, r *= factor) ranges[i] = r;
        return ranges;
    }

    /// <summary>The ranges for a retention (0 or negative = unlimited): 2h ×3 for 10 steps, cut at min(10% retention, 31d).</summary>
    public static long[] ForRetention(TimeSpan retention, long minSizeMs = DefaultBlockMs)
    {
        long max = MaxBlockMs;
        if (retention > TimeSpan.Zero) max = Math.Min(max, (long)retention.TotalMilliseconds / 10);
        var all = Exponential(minSizeMs, 10, 3);
        var kept = all.Where(r => r <= max).ToArray();
        return kept.Length == 0 ? [minSizeMs] : kept;
    }
}
