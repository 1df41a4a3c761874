using Argus.Tests.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Argus.Tests.Faults;

/// <summary>
/// SIGKILL while remote write is sending, three times in a row. Argus scrapes itself every second and remote-writes to a
/// local receiver that holds every request for two seconds before answering 204, so a send is nearly always in flight.
/// How the kill lands inside a send: the receiver counts requests it is holding, the test waits until one is held and
/// kills then (and asserts it was still held at the kill). Every restart must reach /-/ready, replay the WAL with nothing
/// committed lost (the local samples queried before the kill all come back), and start sending again. Samples that were
/// in flight are not resent after the restart: like Prometheus, the queue starts at the WAL's end (docs/faults.md).
/// </summary>
[Trait("Category", "Integration")]
public sealed class CrashLoopRemoteWriteTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 3;
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-faults-crash-remote-write-").FullName;
    private int _held;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RemoteWrite_KilledWhileSending_EveryRestartReadyAndComplete_SendingResumes()
    {
        await using var receiver = new HostileTarget(new()
        {
            ["/write"] = async (s, ct) =>
            {
                Interlocked.Increment(ref _held);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), ct);
                    await s.WriteAsync("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), ct);
                }
                finally
                {
                    Interlocked.Decrement(ref _held);
                }
            },
        });
        string data = Path.Combine(_dir, "data");
        int port = PeerProcess.FreePort();
        string config = StorageFaultProcess.WriteConfig(_dir, port, $$"""
            remote_write:
            - url: http://{{receiver.Address}}/write
              queue_config: {batch_send_deadline: 200ms, max_shards: 2, min_backoff: 100ms, max_backoff: 1s}
            """);
        const string Up = "up{job=\"argus\"}";
        var committed = new SortedSet<string>(StringComparer.Ordinal);

        for (int kill = 0; kill <= Kills; kill++)
        {
            await using var argus = StorageFaultProcess.Start(data, config, port, output);
            await argus.WaitReadyAsync(TimeSpan.FromSeconds(30));
            long readyAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            // Everything queryable before the previous kill came back from the WAL.
            var replayed = await argus.SamplesAsync(Up + "[10m]", readyAt);
            Assert.Empty(committed.Except(replayed));

            int requestsBefore = receiver.Requests("/write");
            await Poll.UntilAsync(() => Task.FromResult(receiver.Requests("/write") > requestsBefore && Volatile.Read(ref _held) > 0),
                TimeSpan.FromSeconds(30), argus.DiedBecause);
            if (kill == Kills)
            {
                // Sends complete again: the receiver's slow answers are counted as sent samples.
                await Poll.UntilAsync(async () => await argus.MetricAsync("prometheus_remote_storage_samples_total") > 0,
                    TimeSpan.FromSeconds(30), argus.DiedBecause);
                Assert.Equal(0, await argus.StopAsync());   // the last run shuts down cleanly with a send in flight
                break;
            }
            long at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            committed = await argus.SamplesAsync(Up + "[10m]", at);
            Assert.True(Volatile.Read(ref _held) > 0, "no send was in flight when the kill was due");
            await argus.KillAsync();
            Assert.DoesNotContain("Unhandled exception", argus.Output, StringComparison.Ordinal);
        }
    }
}
