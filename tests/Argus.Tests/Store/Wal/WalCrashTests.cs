using System.Diagnostics;
using System.Globalization;
using Argus.Model;
using Argus.Store;
using Argus.Store.Wal;
using Argus.Telemetry;
using Xunit.Abstractions;

namespace Argus.Tests.Store.Wal;

/// <summary>
/// Crash safety with a real process: tests/Argus.CrashHost appends batches to a head with a WAL and is killed with SIGKILL
/// at random moments, then the head is reopened here and every batch whose commit returned must be there, whole, once.
/// </summary>
public sealed class WalCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Series = 20;
    private const long SegmentBytes = 256 * 1024;   // small segments: kills land near cuts too
    private static readonly Lazy<string> s_host = new(BuildCrashHost);

    // The head chunk file variant: chunks of 3 samples in 4 KiB files, so kills land in chunk writes and file cuts.
    private const int ChunkSamples = 3;
    private const long ChunkFileBytes = 4 * 1024;

    private readonly WalTestDirectory _dir = new();
    private bool _chunks;

    private string ChunksDir => _dir.Path + "-chunks";

    public void Dispose()
    {
        _dir.Dispose();
        if (Directory.Exists(ChunksDir)) Directory.Delete(ChunksDir, recursive: true);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void Head_WithChunkFiles_KilledAtRandomMoments_KeepsEveryCommittedBatchWholeAndOnce()
    {
        _chunks = true;
        Head_KilledAtRandomMoments_KeepsEveryCommittedBatchWholeAndOnce();
        Assert.NotEmpty(Directory.GetFiles(ChunksDir));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void Head_KilledAtRandomMoments_KeepsEveryCommittedBatchWholeAndOnce()
    {
        var random = new Random(20251125);
        var clock = Stopwatch.StartNew();
        long expectedAtLeast = 0;
        int runs = 0, killedBeforeReady = 0;
        // At least 20 kills, bounded by time: the replays grow with the WAL.
        while (runs < 24 && (runs < 20 || clock.Elapsed < TimeSpan.FromSeconds(30)))
        {
            runs++;
            bool beforeReady = runs % 5 == 0;   // sometimes during startup, open's repair or replay
            var (lastCommitted, ready) = RunAndKill(beforeReady ? random.Next(0, 250) : random.Next(5, 150), beforeReady);
            if (!ready) killedBeforeReady++;
            expectedAtLeast = Math.Max(expectedAtLeast, lastCommitted);
            long newest = Verify(expectedAtLeast);
            output.WriteLine($"run {runs}: last printed {lastCommitted}, head holds 1..{newest}");
        }
        output.WriteLine($"{runs} kills ({killedBeforeReady} before ready) in {clock.Elapsed}");
        Assert.True(expectedAtLeast > 0, "the host never committed anything");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void Head_WalTruncatedMidRecord_ReopensWithTheBatchesBefore()
    {
        long committed = WriteBatches(50);
        var (segment, records) = RecordsOfNewestSegment();
        var (start, end) = records[^1];
        using (var f = File.OpenHandle(segment, FileMode.Open, FileAccess.ReadWrite)) RandomAccess.SetLength(f, (start + end) / 2);
        long newest = Verify(expectedAtLeast: 1);
        Assert.InRange(newest, 1, committed - 1);
        WriteBatches(5);   // and the repaired WAL takes writes again
        Assert.Equal(newest + 5, Verify(newest + 5));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void Head_WalWithFlippedBytes_ReopensWithTheBatchesBefore()
    {
        long committed = WriteBatches(50);
        var (segment, records) = RecordsOfNewestSegment();
        byte[] bytes = File.ReadAllBytes(segment);
        int at = (int)records[records.Count / 2].Start + 10;
        for (int i = 0; i < 8; i++) bytes[at + i] ^= 0x5A;
        File.WriteAllBytes(segment, bytes);
        long newest = Verify(expectedAtLeast: 1);
        Assert.InRange(newest, 1, committed - 1);
        WriteBatches(5);
        Assert.Equal(newest + 5, Verify(newest + 5));
    }

    /// <summary>Starts the host, kills it after <paramref name="delayMs"/> (from start or from "ready"), returns the last k it printed.</summary>
    private (long LastCommitted, bool Ready) RunAndKill(int delayMs, bool fromStart)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { s_host.Value, _dir.Path, Series.ToString(CultureInfo.InvariantCulture),
                     SegmentBytes.ToString(CultureInfo.InvariantCulture), "30", "1" })
        {
            psi.ArgumentList.Add(a);
        }
        if (_chunks)
        {
            psi.ArgumentList.Add(ChunksDir);
            psi.ArgumentList.Add(ChunkSamples.ToString(CultureInfo.InvariantCulture));
            psi.ArgumentList.Add(ChunkFileBytes.ToString(CultureInfo.InvariantCulture));
        }
        long last = 0;
        using var readySignal = new ManualResetEventSlim();
        var stderr = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (e.Data.StartsWith("committed ", StringComparison.Ordinal))
            {
                Interlocked.Exchange(ref last, long.Parse(e.Data.AsSpan(10), CultureInfo.InvariantCulture));
            }
            else if (e.Data.StartsWith("ready ", StringComparison.Ordinal))
            {
                readySignal.Set();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data);
        };
        string Stderr()
        {
            lock (stderr) return stderr.ToString();
        }
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (fromStart)
        {
            Thread.Sleep(delayMs);
        }
        else
        {
            // The message is built only on failure, under the lock: the host may still be writing to stderr.
            if (!readySignal.Wait(TimeSpan.FromSeconds(20))) Assert.Fail($"host not ready: {Stderr()}");
            Thread.Sleep(delayMs);
        }
        bool exitedEarly = process.HasExited;
        process.Kill();   // SIGKILL on Unix: no finally blocks, no flush, no fsync
        process.WaitForExit();
        if (exitedEarly) Assert.Fail($"host exited by itself with {process.ExitCode}: {Stderr()}");
        // WaitForExit() without a timeout also waits for the redirected streams to reach EOF: every printed line is counted.
        return (Interlocked.Read(ref last), readySignal.IsSet);
    }

    /// <summary>
    /// Reopens the head on the directory and checks: all series hold the same timestamps 1..K with K ≥ expectedAtLeast,
    /// each once, with value = timestamp. Returns K.
    /// </summary>
    private long Verify(long expectedAtLeast)
    {
        var metrics = new MetricsRegistry();
        var logger = new CapturingLogger();
        using var wal = WriteAheadLog.Open(_dir.Path, new WalOptions { SegmentSizeBytes = SegmentBytes }, logger, metrics);
        // Verifying with chunk files also writes the chunks its replay cuts: the next kill meets files of both origins.
        using var chunkFiles = _chunks ? Argus.Store.HeadChunks.HeadChunkFiles.Open(ChunksDir, logger, metrics, ChunkFileBytes) : null;
        using var head = new Argus.Store.Head.Head(new Argus.Store.Head.HeadOptions { SamplesPerChunk = _chunks ? ChunkSamples : 120 },
            wal, metrics, logger, chunkFiles);
        head.ReplayWal();
        foreach (string w in logger.Warnings) output.WriteLine("  warning: " + w);

        using var querier = head.Querier(long.MinValue, long.MaxValue);
        var set = querier.Select(true, Matcher.Equal("__name__", "crash_test"));
        int seriesSeen = 0;
        long newest = -1;
        ISampleIterator? it = null;
        while (set.Next())
        {
            seriesSeen++;
            it = set.At.Iterator(it);
            long expected = 1;
            while (it.Next())
            {
                Assert.True(it.T == expected, $"{set.At.Labels}: expected timestamp {expected}, found {it.T} (gap, duplicate or disorder)");
                Assert.Equal((double)expected, it.V);
                expected++;
            }
            long count = expected - 1;
            if (newest < 0) newest = count;
            Assert.True(count == newest, $"{set.At.Labels} holds batches 1..{count}, another series 1..{newest}: a partial batch");
        }
        if (expectedAtLeast > 0) Assert.Equal(Series, seriesSeen);
        newest = Math.Max(newest, 0);
        Assert.True(newest >= expectedAtLeast, $"batches up to {expectedAtLeast} were committed but the head holds only 1..{newest}");
        return newest;
    }

    /// <summary>Appends <paramref name="batches"/> more batches in-process, as the host does; returns the newest k.</summary>
    private long WriteBatches(int batches)
    {
        var metrics = new MetricsRegistry();
        var logger = new CapturingLogger();
        using var wal = WriteAheadLog.Open(_dir.Path, new WalOptions { SegmentSizeBytes = SegmentBytes }, logger, metrics);
        using var head = new Argus.Store.Head.Head(new Argus.Store.Head.HeadOptions(), wal, metrics, logger);
        head.ReplayWal();
        var refs = new SeriesRef[Series];
        long k = head.MaxTime == long.MinValue ? 1 : head.MaxTime + 1;
        for (int b = 0; b < batches; b++, k++)
        {
            var app = head.Appender();
            for (int i = 0; i < Series; i++)
            {
                Assert.Equal(AppendOutcome.Ok, app.Append(ref refs[i], Labels.FromStrings("__name__", "crash_test", "series", "s_" + i), k, k));
            }
            app.Commit();
        }
        return k - 1;
    }

    /// <summary>The newest segment holding data, and the [start, end) file offsets of its records.</summary>
    private (string Path, List<(long Start, long End)> Records) RecordsOfNewestSegment()
    {
        string path = Directory.GetFiles(_dir.Path).Where(f => new FileInfo(f).Length > 0).Order(StringComparer.Ordinal).Last();
        var records = new List<(long, long)>();
        using var reader = new WalSegmentReader(_dir.Path, int.Parse(Path.GetFileName(path), CultureInfo.InvariantCulture), new byte[1 << 20]);
        while (reader.Next(out _)) records.Add((reader.RecordOffset, reader.GoodEnd));
        Assert.Null(reader.Error);
        Assert.True(records.Count > 10, $"{path} holds only {records.Count} records");
        return (path, records);
    }

    /// <summary>Path of Argus.CrashHost.dll, built for this test's configuration if missing or older than the product.</summary>
    private static string BuildCrashHost()
    {
        string testBin = AppContext.BaseDirectory;   // …/tests/Argus.Tests/bin/<Configuration>/<tfm>/
        var tfmDir = new DirectoryInfo(testBin.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = tfmDir.Parent!.Name, tfm = tfmDir.Name;
        var root = tfmDir;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Argus.sln"))) root = root.Parent;
        Assert.NotNull(root);
        string project = Path.Combine(root.FullName, "tests", "Argus.CrashHost");
        string dll = Path.Combine(project, "bin", configuration, tfm, "Argus.CrashHost.dll");
        string hostArgus = Path.Combine(project, "bin", configuration, tfm, "argus.dll");
        string testArgus = Path.Combine(testBin, "argus.dll");
        if (!File.Exists(dll) || !File.Exists(hostArgus) || File.GetLastWriteTimeUtc(hostArgus) < File.GetLastWriteTimeUtc(testArgus))
        {
            var build = Process.Start(new ProcessStartInfo("dotnet", ["build", project, "-c", configuration, "--nologo", "-v", "q"])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            string log = build.StandardOutput.ReadToEnd();
            build.WaitForExit();
            Assert.True(build.ExitCode == 0, $"building {project} failed:\n{log}");
        }
        return dll;
    }
}
