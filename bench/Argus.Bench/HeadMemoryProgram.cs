using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Argus.Model;
using Argus.Store;
using Argus.Store.Head;
using Argus.Store.Wal;
using Argus.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Bench;

/// <summary>
/// Measures head memory per series as the 1M-series benchmark loads it:
/// <c>dotnet run -c Release --project bench/Argus.Bench -- headmem 1000000 [samples=20] [seriesPerTarget=5000] [replay]</c>;
/// with <c>replay</c> it then times start-up on the WAL it wrote (WAL replay into a fresh head), with <c>keep</c> it keeps that
/// WAL, and <c>headmem replay:DIR</c> times replay of a copy of an existing WAL directory (for a profiler).
/// Builds targets.py-shaped targets (<see cref="KubernetesTarget"/>), appends one scrape per target at a time through a real
/// <see cref="Head"/> with a WAL in a temporary directory (30 s apart, with Prometheus's millisecond scrape jitter), caching refs
/// as the scrape loop does, then drops everything but the head and reports managed heap and process RSS per series after a
/// full, compacting GC. Label sets are generated per target and dropped after its first scrape, so they are not counted.
/// </summary>
internal static class HeadMemoryProgram
{
    public static int Run(string[] args)
    {
        if (args.Length == 1 && args[0].StartsWith("replay:", StringComparison.Ordinal))
        {
            // Start-up alone on an existing WAL directory (one this program kept, or a server's data/wal), left unchanged.
            string src = args[0]["replay:".Length..];
            string copy = Path.Combine(Path.GetTempPath(), "argus-replay-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            CopyDirectory(src, copy);
            try
            {
                MeasureReplay(copy, 0, 0);
            }
            finally
            {
                Directory.Delete(copy, recursive: true);
            }
            return 0;
        }
        int series = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        int samples = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        int perTarget = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_000;
        bool replay = args.Length > 3 && args[3] is "replay" or "keep";
        bool keep = args.Length > 3 && args[3] == "keep";
        int targets = Math.Max(1, series / perTarget);
        string dir = Path.Combine(Path.GetTempPath(), "argus-headmem-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine($"GC: server={GCSettings.IsServerGC} concurrent={AppContext.GetData("System.GC.Concurrent") ?? "default"} " +
                          $"conserve={AppContext.GetData("System.GC.ConserveMemory") ?? Environment.GetEnvironmentVariable("DOTNET_GCConserveMemory") ?? "0"} " +
                          $"latency={GCSettings.LatencyMode}");
        long heapBefore = FullGcHeap();
        long rssBefore = Rss();
        var sw = Stopwatch.StartNew();
        var metrics = new MetricsRegistry();
        var wal = WriteAheadLog.Open(dir, new WalOptions(), NullLogger.Instance, metrics);
        var head = new Head(new HeadOptions(), wal, metrics, NullLogger.Instance);
        head.ReplayWal();
        try
        {
            var refs = new SeriesRef[targets][];
            var values = new double[perTarget + 1024];
            var rng = new Random(7);
            long t0 = 1_700_000_000_000;
            KubernetesTarget?[] pending = new KubernetesTarget?[targets];
            for (int round = 0; round < samples; round++)
            {
                for (int k = 0; k < targets; k++)
                {
                    // Scrape timestamps: 30 s apart, with a few ms of jitter as real scrape start times have.
                    long t = t0 + round * 30_000L + k * 97 + (rng.Next(4) == 0 ? rng.Next(1, 4) : 0);
                    if (round == 0)
                    {
                        var target = new KubernetesTarget(k, perTarget);
                        pending[k] = target;
                        refs[k] = new SeriesRef[target.Count];
                    }
                    var tg = pending[k]!;
                    var r = refs[k];
                    var v = values.AsSpan(0, r.Length);
                    tg.NextValues(v, 30);
                    var app = head.Appender();
                    for (int i = 0; i < r.Length; i++)
                    {
                        // After the first scrape the cached ref is enough: the label set is only read for unknown refs.
                        app.Append(ref r[i], round == 0 ? tg.LabelsAt(i) : Labels.Empty, t, v[i]);
                    }
                    app.Commit();
                }
                if (round == 0)
                {
                    // Keep only the value state: drop the label sets, as a scrape cache would hold its own copy.
                    for (int k = 0; k < targets; k++) pending[k]!.DropLabels();
                }
            }
            sw.Stop();
            refs = null!;
            pending = null!;
            long n = head.SeriesCount;
            long rssRunning = Rss();
            var running = GC.GetGCMemoryInfo(GCKind.Any);
            Console.WriteLine($"Running:  committed {running.TotalCommittedBytes / 1048576.0:F0} MiB, heap {running.HeapSizeBytes / 1048576.0:F0} MiB, " +
                              $"gen0 before last GC {running.GenerationInfo[0].SizeBeforeBytes / 1048576.0:F0} MiB, GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
            long heapAfter = FullGcHeap();
            long rssAfter = Rss();
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            Console.WriteLine($"{n:N0} series x {samples} samples in {sw.Elapsed.TotalSeconds:F1} s ({n * samples / sw.Elapsed.TotalSeconds / 1e6:F2} M samples/s), " +
                              $"{head.Stats(1).ChunkCount:N0} chunks");
            Console.WriteLine($"GC heap:  {(heapAfter - heapBefore) / (double)n,7:F0} bytes/series  ({(heapAfter - heapBefore) / 1048576.0:F0} MiB)");
            Console.WriteLine($"RSS:      {(rssAfter - rssBefore) / (double)n,7:F0} bytes/series over the empty process, " +
                              $"{rssAfter / (double)n:F0} bytes/series total ({rssAfter / 1048576.0:F0} MiB); before the final GC {rssRunning / (double)n:F0}");
            Console.WriteLine($"GC info:  committed {info.TotalCommittedBytes / 1048576.0:F0} MiB, fragmented {info.FragmentedBytes / 1048576.0:F0} MiB, " +
                              $"heap {info.HeapSizeBytes / 1048576.0:F0} MiB, gen2 {info.GenerationInfo[2].SizeAfterBytes / 1048576.0:F0} MiB, " +
                              $"LOH {info.GenerationInfo[3].SizeAfterBytes / 1048576.0:F0} MiB");
            GC.KeepAlive(head);
            if (replay)
            {
                head.Dispose();
                wal.Dispose();
                head = null!;
                FullGcHeap();
                if (keep)
                {
                    Console.WriteLine($"WAL kept in {dir}: replay it with headmem replay:{dir}");
                    return 0;
                }
                MeasureReplay(dir, n, samples);
            }
        }
        finally
        {
            head?.Dispose();
            wal.Dispose();
            if (!keep) Directory.Delete(dir, recursive: true);
        }
        return 0;
    }

    /// <summary>
    /// Start-up on the WAL just written: opens it again and replays it into a fresh head, as <c>argus</c> does before
    /// /-/ready, and reports the wall time, the CPU time and the series and samples restored per second.
    /// </summary>
    private static void MeasureReplay(string dir, long series, int samples)
    {
        using var p = Process.GetCurrentProcess();
        var cpuBefore = p.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var metrics = new MetricsRegistry();
        using var wal = WriteAheadLog.Open(dir, new WalOptions(), NullLogger.Instance, metrics);
        using var head = new Head(new HeadOptions(), wal, metrics, NullLogger.Instance);
        head.ReplayWal();
        sw.Stop();
        p.Refresh();
        double cpu = (p.TotalProcessorTime - cpuBefore).TotalSeconds;
        long walBytes = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var stats = head.Stats(1);
        Console.WriteLine($"Replay:   {head.SeriesCount:N0} series, {stats.ChunkCount:N0} chunks, WAL {walBytes / 1048576.0:F0} MiB: " +
                          $"{sw.Elapsed.TotalSeconds:F2} s wall, {cpu:F2} s CPU, RSS {Rss() / 1048576.0:F0} MiB");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string d in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, d)));
        Directory.CreateDirectory(to);
        foreach (string f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories)) File.Copy(f, Path.Combine(to, Path.GetRelativePath(from, f)));
    }

    private static long FullGcHeap()
    {
        // A normal full compacting GC, not an aggressive one: the RSS it leaves is what a running server keeps.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static long Rss()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64;
    }
}
