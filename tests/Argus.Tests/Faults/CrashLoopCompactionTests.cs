using System.Diagnostics;
using Argus.Tests.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Argus.Tests.Faults;

/// <summary>
/// SIGKILL while a compaction is writing its output block, three times in a row, then a run that lets it finish. The
/// storage directory starts with four 2h blocks written by the test (a backfill), so the first maintenance pass after
/// start-up compacts the oldest three into one 6h block. How the kill lands inside the compaction: an inotify watch on the
/// storage directory, set before the process starts, sends SIGKILL as soon as the output's <c>*.tmp-for-creation</c>
/// directory is created; after
/// the process is gone the directory must still be there (the rename into place had not happened), else the iteration
/// proved nothing and is repeated on freshly written blocks (up to five times). The blocks are large enough (1.4M samples to merge) that writing
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
        long WriteSourceBlocks() => FaultBlocks.Write(data, Series, StepMs,
            Enumerable.Range(0, 4).Select(i => (start + (i * FaultBlocks.TwoHoursMs), start + ((i + 1) * FaultBlocks.TwoHoursMs))));
        List<string?> BlockNames() => FaultBlocks.BlockDirs(data).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        long samples = WriteSourceBlocks();
        var sourceBlocks = BlockNames();
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
            // Killed from the file-system notification of the compaction's output directory, whether or not the process is
            // ready yet. On a fast machine the output can be complete and renamed before the kill lands: then nothing was
            // proven, the data is written again and the attempt repeated.
            for (int attempt = 1; ; attempt++)
            {
                string? tmp;
                using (var watch = new CompactionOutputWatch(data))
                await using (var argus = StorageFaultProcess.Start(data, config, port, output))
                {
                    tmp = await watch.KillOnOutputAsync(argus, TimeSpan.FromSeconds(90));
                    await argus.KillAsync();
                }
                output.WriteLine($"run {kill}, attempt {attempt}: killed at {sw.ElapsedMilliseconds} ms, output {tmp ?? "(none seen)"}");
                if (tmp is not null && Directory.Exists(tmp)) break;
                Assert.True(attempt < 5, $"run {kill}: in {attempt} attempts the kill never landed inside the compaction");
                Directory.Delete(data, recursive: true);
                WriteSourceBlocks();
                sourceBlocks = BlockNames();
            }
            // Until the output is in place, the inputs stay: all four source blocks are untouched.
            Assert.Equal(sourceBlocks, BlockNames());

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

        // A check run whose compaction finished before its kill leaves nothing to compact: the final run then only opens it.
        bool compactedAlready = FaultBlocks.BlockDirs(data).Length == 2;
        await using (var final = StorageFaultProcess.Start(data, config, port, output))
        {
            await final.WaitReadyAsync(TimeSpan.FromSeconds(90));
            sw.Restart();
            await Poll.UntilAsync(async () => (compactedAlready || await final.MetricAsync("prometheus_tsdb_compactions_total") >= 1)
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

    /// <summary>
    /// An inotify watch (FileSystemWatcher) on the storage directory, set up before argus starts: the moment a
    /// <c>*.tmp-for-creation</c> directory is created, the handler sends SIGKILL itself, so no polling interval separates
    /// the output's appearance from the kill.
    /// </summary>
    private sealed class CompactionOutputWatch : IDisposable
    {
        private readonly string _dataDir;
        private readonly FileSystemWatcher _watcher;
        private readonly TaskCompletionSource<string> _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile StorageFaultProcess? _target;

        public CompactionOutputWatch(string dataDir)
        {
            _dataDir = dataDir;
            _watcher = new FileSystemWatcher(dataDir, "*.tmp-for-creation") { NotifyFilter = NotifyFilters.DirectoryName };
            _watcher.Created += (_, e) =>
            {
                _target?.Process.Signal(ArgusProcess.SIGKILL);
                _seen.TrySetResult(e.FullPath);
            };
            _watcher.EnableRaisingEvents = true;
        }

        /// <summary>The output directory the kill was sent at, or null when none appeared in time (or argus exited).</summary>
        public async Task<string?> KillOnOutputAsync(StorageFaultProcess argus, TimeSpan timeout)
        {
            _target = argus;
            if (_seen.Task.IsCompleted) argus.Process.Signal(ArgusProcess.SIGKILL);   // created before the target was set
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed < timeout)
            {
                if (_seen.Task.IsCompleted) return await _seen.Task;
                if (argus.DiedBecause() is { } why) throw new InvalidOperationException(why);
                if (FaultBlocks.BlockDirs(_dataDir).Length == 2) return null;   // done unseen
                await Task.WhenAny(_seen.Task, Task.Delay(50));
            }
            return null;
        }

        public void Dispose() => _watcher.Dispose();
    }

    private static string Invariant(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Value(string queryAnswer) => queryAnswer[(queryAnswer.LastIndexOf(':') + 1)..];
}
