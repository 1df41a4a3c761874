using System.Diagnostics;
using Argus.Tests.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Argus.Tests.Faults;

/// <summary>
/// SIGKILL while retention deletes blocks, three times, then a run that lets it finish. The storage directory starts with
/// 105 contiguous 2h blocks written by the test; with --storage.tsdb.retention.time=10h the first maintenance pass after
/// start-up deletes the oldest 99 (10h retention also means no compaction: the largest block is 10% of it, below 2h, so
/// nothing is merged first). Retention renames each block to <c>*.tmp-for-deletion</c> and then deletes it, one after the
/// other, which takes about a second for 99 blocks on a real disk. How the kill lands inside the deletion: the test polls
/// the directory every millisecond and kills as soon as a block is renamed or gone; it then checks that some doomed blocks
/// are still on disk, i.e. the deletion run was cut short. Every restart must reach /-/ready, delete the half-deleted
/// leftover, answer the retained 10h exactly as written and never show the deleted blocks' data again.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CrashLoopRetentionTests(ITestOutputHelper output) : IDisposable
{
    private const int Doomed = 99;
    private const int Kept = 6;   // MaxTime at most 10h before the newest block's: 0, 2, …, 10h (Prometheus deletes beyond, not at, the limit)
    private const int Kills = 3;
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-faults-crash-retention-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Retention_KilledWhileDeleting_EveryRestartClean_KeptDataIntact_ThenDeletionFinishes()
    {
        string data = Path.Combine(_dir, "data");
        long start = FaultBlocks.AlignedHoursAgo((2 * (Doomed + Kept)) + 4);
        long keptStart = start + (Doomed * FaultBlocks.TwoHoursMs), end = keptStart + (Kept * FaultBlocks.TwoHoursMs);
        var sw = Stopwatch.StartNew();
        void WriteBlocks() => FaultBlocks.Write(data, series: 5, stepMs: 60_000,
            Enumerable.Range(0, Doomed + Kept).Select(i => (start + (i * FaultBlocks.TwoHoursMs), start + ((i + 1) * FaultBlocks.TwoHoursMs))));
        WriteBlocks();
        output.WriteLine($"wrote {Doomed + Kept} blocks in {sw.ElapsedMilliseconds} ms");
        int port = PeerProcess.FreePort();
        string config = StorageFaultProcess.WriteConfig(_dir, port);
        string kept = $"{FaultBlocks.Metric}[{(end - keptStart) / 1000}s]";
        string? expected = null;
        int onDisk = Doomed + Kept, firstAttempts = 0;

        for (int kill = 0; kill < Kills; kill++)
        {
            await using var argus = StorageFaultProcess.Start(data, config, port, output, "--storage.tsdb.retention.time=10h");
            int killedAt = await KillWhenDeletingAsync(data, onDisk, argus, TimeSpan.FromSeconds(90));
            onDisk = FaultBlocks.BlockDirs(data).Length;
            output.WriteLine($"run {kill}: killed with {killedAt} blocks left, {onDisk} on disk after the kill, tmp: {FaultBlocks.TmpDirs(data).Length}");
            // The first kill must cut the run of 99 deletions short; later ones may find only a few doomed blocks left. On a
            // quiet machine the deletions can all finish before the kill lands: then nothing was proven, the blocks are
            // written again and the first kill repeated.
            if (kill == 0 && onDisk == Kept)
            {
                Assert.True(++firstAttempts < 5, $"in {firstAttempts} attempts every doomed block was gone before the kill; nothing was proven");
                Directory.Delete(data, recursive: true);
                WriteBlocks();
                onDisk = Doomed + Kept;
                kill = -1;
                continue;
            }
            if (onDisk == Kept) break;

            // The next start: ready, the leftover of the interrupted deletion removed at open, the retained data intact.
            await using var check = StorageFaultProcess.Start(data, config, port, output, "--storage.tsdb.retention.time=10h");
            await check.WaitReadyAsync(TimeSpan.FromSeconds(90));
            string now = await check.QueryAsync(kept, end - 1);
            if (expected is null)
            {
                // As written: 5 series, one sample a minute over the 12h the kept blocks cover.
                Assert.Equal(5, now.Split('\n').Length);
                Assert.All(now.Split('\n'), series => Assert.Equal(Kept * 120, series.Split(' ').Length - 2));
                expected = now;
            }
            Assert.Equal(expected, now);
            await check.KillAsync();
            onDisk = FaultBlocks.BlockDirs(data).Length;
            if (onDisk == Kept) break;   // the check run finished the deletion before it was killed
        }

        await using var final = StorageFaultProcess.Start(data, config, port, output, "--storage.tsdb.retention.time=10h");
        await final.WaitReadyAsync(TimeSpan.FromSeconds(90));
        await Poll.UntilAsync(async () => await final.MetricAsync("prometheus_tsdb_blocks_loaded") == Kept, TimeSpan.FromSeconds(60), final.DiedBecause);
        Assert.Equal(expected, await final.QueryAsync(kept, end - 1));
        Assert.Equal(Kept, FaultBlocks.BlockDirs(data).Length);
        Assert.Empty(FaultBlocks.TmpDirs(data));
        Assert.Equal("", await final.QueryAsync($"{FaultBlocks.Metric}[{(keptStart - start) / 1000}s]", keptStart - 1)); // deleted data stays deleted
        Assert.DoesNotContain("Skipping block", final.Output, StringComparison.Ordinal);
        Assert.Equal(0, await final.StopAsync());
    }

    /// <summary>
    /// Polls every millisecond until a block was renamed for deletion or is gone, then SIGKILLs. Returns how many block
    /// directories were still there at that moment.
    /// </summary>
    private static async Task<int> KillWhenDeletingAsync(string dataDir, int blocksBefore, StorageFaultProcess argus, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (argus.DiedBecause() is { } why) throw new InvalidOperationException(why);
            int blocks = 0;
            bool deleting = false;
            foreach (var d in Directory.EnumerateDirectories(dataDir))
            {
                if (d.EndsWith(".tmp-for-deletion", StringComparison.Ordinal)) deleting = true;
                else if (Argus.Store.Blocks.Ulid.TryParse(Path.GetFileName(d), out _)) blocks++;
            }
            if (deleting || blocks < blocksBefore)
            {
                await argus.KillAsync();
                return blocks;
            }
            await Task.Delay(1);
        }
        throw new TimeoutException($"retention did not start deleting within {timeout.TotalSeconds:F0}s:\n{argus.Output}");
    }
}
