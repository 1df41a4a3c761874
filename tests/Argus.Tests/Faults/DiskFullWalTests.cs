using Argus.Tests.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Argus.Tests.Faults;

/// <summary>
/// Disk full while the WAL is being written, against the real <c>argus</c> process whose storage directory is a small tmpfs
/// (real ENOSPC from the kernel, no injection). Argus scrapes itself every second; a filler file then takes every free byte.
/// While full, commits fail: Argus keeps answering /-/healthy and queries over what it already stored, counts the failed
/// writes in prometheus_tsdb_wal_writes_failed_total and logs why. Once the filler is deleted, scrapes are stored again
/// without a restart, and after a SIGKILL every sample that was queryable before comes back from the WAL.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DiskFullWalTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-faults-diskfull-wal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [TmpfsFact]
    public async Task WalWrite_DiskFull_KeepsServing_CountsFailures_ResumesWhenSpaceReturns_ReplaysAfterKill()
    {
        using var disk = Tmpfs.Mount(16);
        string data = Path.Combine(disk.Path, "data");
        int port = PeerProcess.FreePort();
        string rules = Path.Combine(_dir, "rules.yml");
        File.WriteAllText(rules, "groups:\n- name: fault\n  interval: 1s\n  rules:\n  - record: fault:up:sum\n    expr: sum(up)\n");
        string config = StorageFaultProcess.WriteConfig(_dir, port, $"rule_files: ['{rules}']");
        const string Up = "up{job=\"argus\"}";
        const string Recorded = "fault:up:sum";

        await using (var argus = StorageFaultProcess.Start(data, config, port, output))
        {
            await argus.WaitReadyAsync(TimeSpan.FromSeconds(30));
            await Poll.UntilAsync(async () => await CountAsync(argus, Up) >= 3, TimeSpan.FromSeconds(30), argus.DiedBecause);

            disk.Fill();
            await Poll.UntilAsync(async () => await argus.MetricAsync("prometheus_tsdb_wal_writes_failed_total") >= 2,
                TimeSpan.FromSeconds(30), argus.DiedBecause);

            // Full: the server is healthy, reads of stored data answer, and the log says what is wrong.
            Assert.Equal(200, await Poll.StatusAsync(argus.Http, "/-/healthy"));
            Assert.Equal(200, await Poll.StatusAsync(argus.Http, "/-/ready"));
            double stored = await CountAsync(argus, Up);
            Assert.True(stored >= 3, $"only {stored} samples of {Up} answer while the disk is full");
            Assert.Contains("No space left on device", argus.Output, StringComparison.Ordinal);
            Assert.Contains("storing the scrape failed", await argus.Http.GetStringAsync("/api/v1/targets"), StringComparison.Ordinal);
            double failedBefore = await argus.MetricAsync("prometheus_tsdb_wal_writes_failed_total");
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.True(await argus.MetricAsync("prometheus_tsdb_wal_writes_failed_total") > failedBefore,
                "commits stopped being attempted while the disk was full: a wedged scrape loop?");
            double whileFull = await CountAsync(argus, Up);
            double recordedWhileFull = await CountAsync(argus, Recorded);

            // Space returns: ingestion resumes without a restart.
            disk.Free();
            await Poll.UntilAsync(async () => await CountAsync(argus, Up) >= whileFull + 3, TimeSpan.FromSeconds(30), argus.DiedBecause);
            Assert.Equal(1, await ScalarAsync(argus, Up));
            await Poll.UntilAsync(async () => await CountAsync(argus, Recorded) >= recordedWhileFull + 2, TimeSpan.FromSeconds(30), argus.DiedBecause);

            // Crash: everything queryable now was committed to the WAL and must come back.
            long at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var before = await argus.SamplesAsync(Up + "[10m]", at);
            var walBefore = await argus.SamplesAsync("prometheus_tsdb_head_series[10m]", at);
            await argus.KillAsync();

            await using var again = StorageFaultProcess.Start(data, config, port, output);
            await again.WaitReadyAsync(TimeSpan.FromSeconds(30));
            var after = await again.SamplesAsync(Up + "[10m]", at);
            Assert.Empty(before.Except(after));
            Assert.Empty(walBefore.Except(await again.SamplesAsync("prometheus_tsdb_head_series[10m]", at)));
            Assert.Equal(0, await again.MetricAsync("prometheus_tsdb_wal_corruptions_total"));
            await Poll.UntilAsync(async () => await CountAsync(again, Up) > before.Count, TimeSpan.FromSeconds(30), again.DiedBecause);
        }
    }

    private static async Task<double> CountAsync(StorageFaultProcess argus, string selector) =>
        await ScalarAsync(argus, $"count_over_time({selector}[1h])") is var v && double.IsNaN(v) ? 0 : v;

    private static Task<double> ScalarAsync(StorageFaultProcess argus, string query) => CardinalityBombTests.ScalarAsync(argus.Http, query);
}
