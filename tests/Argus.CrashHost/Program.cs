using System.Globalization;
using Argus.Model;
using Argus.Store.Head;
using Argus.Store.HeadChunks;
using Argus.Store.Wal;
using Argus.Telemetry;
using Microsoft.Extensions.Logging;

namespace Argus.CrashHost;

/// <summary>
/// The process the WAL crash test kills. Opens a head with a WAL in a directory, replays it, then appends batches until
/// killed: batch k holds one sample (timestamp k, value k) for each of the series s_0 … s_{N-1}, and "committed k" is
/// printed and flushed only after Commit returned, so every printed k must survive a SIGKILL. After a restart, k continues
/// from the newest timestamp in the head. Protocol on stdout: "ready &lt;first k&gt;", then "committed &lt;k&gt;" lines.
/// Logs go to stderr. Exits on its own after a time limit so that a crashed test run leaves no orphan behind.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: Argus.CrashHost <wal-dir> <series> [segment-bytes] [max-seconds] [pause-every] [chunks-dir samples-per-chunk chunk-file-bytes]");
            return 2;
        }
        string dir = args[0];
        int seriesCount = int.Parse(args[1], CultureInfo.InvariantCulture);
        long segmentBytes = args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 128L << 20;
        double maxSeconds = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 60;
        // Sleeping 1 ms every few batches bounds how much WAL a test run piles up (and so each replay's length).
        int pauseEvery = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0;
        // With a head chunk directory, completed chunks (of few samples, in small files) are written there too.
        string? chunksDir = args.Length > 5 ? args[5] : null;
        int samplesPerChunk = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : new HeadOptions().SamplesPerChunk;
        long chunkFileBytes = args.Length > 7 ? long.Parse(args[7], CultureInfo.InvariantCulture) : HeadChunkFiles.DefaultMaxFileBytes;

        using var loggers = LoggerFactory.Create(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        var metrics = new MetricsRegistry();
        using var wal = WriteAheadLog.Open(dir, new WalOptions { SegmentSizeBytes = segmentBytes }, loggers.CreateLogger<WriteAheadLog>(), metrics);
        using var chunkFiles = chunksDir is null ? null : HeadChunkFiles.Open(chunksDir, loggers.CreateLogger<HeadChunkFiles>(), metrics, chunkFileBytes);
        using var head = new Head(new HeadOptions { SamplesPerChunk = samplesPerChunk }, wal, metrics, loggers.CreateLogger<Head>(), chunkFiles);
        head.ReplayWal();

        var labels = new Labels[seriesCount];
        var refs = new SeriesRef[seriesCount];
        for (int i = 0; i < seriesCount; i++) labels[i] = Labels.FromStrings("__name__", "crash_test", "series", "s_" + i.ToString(CultureInfo.InvariantCulture));

        var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        long k = head.MaxTime == long.MinValue ? 1 : head.MaxTime + 1;
        stdout.WriteLine($"ready {k}");
        var deadline = DateTime.UtcNow.AddSeconds(maxSeconds);
        for (; DateTime.UtcNow < deadline; k++)
        {
            var app = head.Appender();
            for (int i = 0; i < seriesCount; i++)
            {
                var outcome = app.Append(ref refs[i], labels[i], k, k);
                if (outcome != Argus.Store.AppendOutcome.Ok)
                {
                    Console.Error.WriteLine($"append of batch {k} to {labels[i]} rejected: {outcome}");
                    return 1;
                }
            }
            app.Commit();
            stdout.WriteLine($"committed {k}");
            if (pauseEvery > 0 && k % pauseEvery == 0) Thread.Sleep(1);
        }
        return 0;
    }
}
