using Argus.Model;
using Argus.Store.Blocks;
using Argus.Telemetry;
using Argus.Tests.Store.Blocks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Faults;

/// <summary>
/// Writes persisted blocks straight into a storage directory before argus starts, as a backfill would, so that a test can
/// make compaction or retention happen at start-up on data it knows. Series are <c>fault_block_series{id="…"}</c> with
/// integer values (sums over them are exact), one sample every <c>stepMs</c>.
/// </summary>
internal static class FaultBlocks
{
    public const string Metric = "fault_block_series";
    public const long TwoHoursMs = 2 * 3600_000L;

    /// <summary>Writes one block per range in <paramref name="ranges"/> ([mint, maxt) each); returns the samples written.</summary>
    public static long Write(string dataDir, int series, long stepMs, IEnumerable<(long Mint, long Maxt)> ranges, int seed = 1)
    {
        var rnd = new Random(seed);
        long samples = 0;
        using var set = BlockSet.Open(dataDir, NullLogger.Instance, new MetricsRegistry());
        foreach (var (mint, maxt) in ranges)
        {
            var data = new Dictionary<Labels, Sample[]>();
            for (int i = 0; i < series; i++)
            {
                var points = new Sample[(int)((maxt - mint + stepMs - 1) / stepMs)];
                for (int j = 0; j < points.Length; j++) points[j] = new Sample(mint + (j * stepMs), rnd.Next(1_000_000));
                data[Labels.FromStrings(Labels.MetricName, Metric, "id", i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture))] = points;
                samples += points.Length;
            }
            using var source = new MemoryQuerier(data, mint, maxt - 1);
            if (set.Write(source, mint, maxt, nowMs: DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) is null)
            {
                throw new InvalidOperationException($"no block written for [{mint}, {maxt})");
            }
        }
        return samples;
    }

    /// <summary>
    /// A start about <paramref name="hoursAgo"/> hours before now, aligned to 6h: three 2h blocks from there fill one 6h
    /// compaction range exactly, so what the planner merges does not depend on the time of day the test runs.
    /// </summary>
    public static long AlignedHoursAgo(int hoursAgo)
    {
        const long SixHoursMs = 3 * TwoHoursMs;
        long t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (hoursAgo * 3600_000L);
        return t / SixHoursMs * SixHoursMs;
    }

    /// <summary>Block directories (ULID-named) in the storage directory.</summary>
    public static string[] BlockDirs(string dataDir) =>
        Directory.GetDirectories(dataDir).Where(d => Ulid.TryParse(Path.GetFileName(d), out _)).ToArray();

    /// <summary>Temporary directories (a block being written or deleted) in the storage directory.</summary>
    public static string[] TmpDirs(string dataDir) =>
        Directory.GetDirectories(dataDir).Where(d => Path.GetFileName(d).Contains(".tmp", StringComparison.Ordinal)).ToArray();
}
