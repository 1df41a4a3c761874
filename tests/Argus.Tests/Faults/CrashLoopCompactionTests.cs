using System.Diagnostics;
using Argus.Tests.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Argus.Tests.Faults;

/// <summary>
/// SIGKILL while a compaction is writing its output block, three times in a row, then a run that lets it finish. The
/// storage directory starts with four 2h blocks written by the test (a backfill), so the first maintenance pass after
/// start-up compacts the oldest three into one 6h block. How the kill lands inside the compaction: the test polls the
/// directory every millisecond for the output's <c>*.tmp-for-creation</c> directory and kills as soon as it appears; after
/// the process is gone the directory must still be there (the rename into place had not happened), else the iteration
/// would not have proven anything and the test fails. The blocks are large enough (1.4M samples to merge) that writing
/// the output takes seconds. After each kill a check run must reach /-/ready, delete the partial output, answer the same
/// query results as the data written, and never load overlapping or duplicate blocks; it is killed in turn.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CrashLoopCompactionTests(ITestOutputHelper output) : IDisposable
{
    private const int Series = 1_000;
    private const long StepMs = 15_000;
    private const int Kills = 3;
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-faults-crash-compaction-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Compaction_KilledRepeatedly_EveryRestartCleanAndComplete_ThenCompactionFinishes()
    {
        string data = Path.Combine(_dir, "data");
        long start = FaultBlocks.AlignedHoursAgo(12);
        long end = start + (4 * FaultBlocks.TwoHoursMs);
        var sw = Stopwatch.StartNew();
        long samples = FaultBlocks.Write(data, Series, StepMs,
            Enumerable.Range(0, 4).Select(i => (start + (i * FaultBlocks.TwoHoursMs), start + ((i + 1) * FaultBlocks.TwoHoursMs))));
        var sourceBlocks = FaultBlocks.BlockDirs(data).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, sourceBlocks.Count);
        output.WriteLine($"wrote 4 blocks, {samples} samples, in {sw.ElapsedMilliseconds} ms");
        int port = PeerProcess.FreePort();
        string config = StorageFaultProcess.WriteConfig(_dir, port);
        long at = end - 1;
        string countQuery = $"sum(count_over_time({FaultBlocks.Metric}[{(end - start) / 1000}s]))";
        string seriesQuery = $"count({FaultBlocks.Metric})";
        string perSeries = $"sum_over_time({FaultBlocks.Metric}{{id=~\"0000.\"}}[{(end - start) / 1000}s])";
        string? expectedPerSeries = null;

        for (int kill = 0; kill < Kills; kill++)
        {
            // Killed as soon as the compaction's output directory appears, whether or not the process is ready yet.
            await using (var argus = StorageFaultProcess.Start(data, config, port, output))
            {
                string? tmp = await WaitForTmpAsync(data, argus, TimeSpan.FromSeconds(90));
                Assert.True(tmp is not null, $"run {kill}: no compaction output appeared within 90s");
                await argus.KillAsync();
                output.WriteLine($"run {kill}: killed at {sw.ElapsedMilliseconds} ms");
                Assert.True(Directory.Exists(tmp), $"run {kill}: the kill came after the compaction finished; nothing was proven");
                // Until the output is in place, the inputs stay: all four source blocks are untouched.
                Assert.Equal(sourceBlocks, FaultBlocks.BlockDirs(data).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
            }

            // The next start reaches ready and answers from the four blocks: the partial block left by the kill is deleted
            // at open and never loaded. It compacts again in the background; it is killed too (maybe inside the compaction).
            await using var check = StorageFaultProcess.Start(data, config, port, output);
            await check.WaitReadyAsync(TimeSpan.FromSeconds(90));
            Assert.Contains("Deleting leftover temporary directory", check.Output, StringComparison.Ordinal);
            Assert.Equal(Invariant(Series), Value(await check.QueryAsync(seriesQuery, at)));
            string perSeriesNow = await check.QueryAsync(perSeries, at);
            expectedPerSeries ??= perSeriesNow;
            Assert.Equal(expectedPerSeries, perSeriesNow);
            await check.KillAsync();
            output.WriteLine($"run {kill}: check killed at {sw.ElapsedMilliseconds} ms");
            if (FaultBlocks.BlockDirs(data).Length == 2) break;   // the check run's compaction completed before its kill
        }

        await using (var final = StorageFaultProcess.Start(data, config, port, output))
        {
            await final.WaitReadyAsync(TimeSpan.FromSeconds(90));
            sw.Restart();
            await Poll.UntilAsync(async () => await final.MetricAsync("prometheus_tsdb_compactions_total") >= 1
                && await final.MetricAsync("prometheus_tsdb_blocks_loaded") == 2, TimeSpan.FromSeconds(90), final.DiedBecause);
            output.WriteLine($"final: compacted after {sw.ElapsedMilliseconds} ms");
            Assert.Equal(Invariant(Series), Value(await final.QueryAsync(seriesQuery, at)));
            Assert.Equal(Invariant(samples), Value(await final.QueryAsync(countQuery, at)));
            Assert.Equal(expectedPerSeries, await final.QueryAsync(perSeries, at));
            Assert.Equal(0, await final.MetricAsync("prometheus_tsdb_compactions_failed_total"));
            Assert.Empty(FaultBlocks.TmpDirs(data));
            var blocks = FaultBlocks.BlockDirs(data);
            Assert.Equal(2, blocks.Length); // the 6h compacted block and the newest 2h block, sources deleted
            Assert.DoesNotContain("Skipping block", final.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("overlap", final.Output, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(0, await final.StopAsync());
            output.WriteLine(string.Join("\n", final.Output.Split('\n').Where(l => l.Contains("Compacted", StringComparison.Ordinal))));
        }
    }

    /// <summary>Polls for a *.tmp-for-creation directory every millisecond; returns its path, or null on timeout.</summary>
    private static async Task<string?> WaitForTmpAsync(string dataDir, StorageFaultProcess argus, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (argus.DiedBecause() is { } why) throw new InvalidOperationException(why);
            if (Directory.Exists(dataDir))
            {
                foreach (var d in Directory.EnumerateDirectories(dataDir, "*.tmp-for-creation")) return d;
            }
            await Task.Delay(1);
        }
        return null;
    }

    private static string Invariant(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Value(string queryAnswer) => queryAnswer[(queryAnswer.LastIndexOf(':') + 1)..];
}
