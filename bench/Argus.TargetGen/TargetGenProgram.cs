using System.Diagnostics;
using System.Net;

namespace Argus.TargetGen;

/// <summary>Entry point: parse flags, build the targets, listen on consecutive ports until SIGTERM or --max-runtime.</summary>
internal static class TargetGenProgram
{
    public static async Task<int> Main(string[] args)
    {
        GenOptions options;
        try
        {
            options = GenOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"argus-targetgen: {e.Message}\n{GenOptions.Usage}");
            return 2;
        }

        bool k8s = options.ValueModel == "k8s";
        if (options.Dump > 0)
        {
            var t = new Target(0, options.Series, options.Seed, k8s, options.MaxRuntimeSeconds);
            using Stream stdout = Console.OpenStandardOutput();
            for (int i = 0; i < options.Dump; i++)
            {
                if (i > 0) Thread.Sleep(1000);
                stdout.Write(t.RenderBody(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency, options.Refresh));
            }
            return 0;
        }

        var started = Stopwatch.StartNew();
        if (options.StatsDir.Length > 0) Directory.CreateDirectory(options.StatsDir);
        IPAddress host = options.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Host);
        // Building 100 targets of ~20k series takes seconds of string work: spread it over the cores before listening.
        var targets = new Target[options.Targets];
        double now0 = Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        Parallel.For(0, options.Targets, i =>
        {
            targets[i] = new Target(i, options.Series, options.Seed, k8s, options.MaxRuntimeSeconds);
            targets[i].Prepare(now0);      // lay every body out before announcing readiness
        });
        var listeners = new List<TargetListener>(options.Targets);
        for (int i = 0; i < options.Targets; i++)
        {
            var l = new TargetListener(targets[i], host, options.BasePort + i, options.Refresh);
            l.Start();
            listeners.Add(l);
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.MaxRuntimeSeconds));
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });

        var stats = new GenStats(options.StatsDir, targets, options);
        var loops = new List<Task>();
        foreach (TargetListener l in listeners) loops.Add(l.AcceptLoopAsync(stop.Token));
        loops.Add(StatsLoopAsync(stats, stop.Token));
        loops.Add(ChurnLoopAsync(targets, stats, options, stop.Token));
        stats.Write();
        if (options.ReadyFile.Length > 0)
        {
            File.WriteAllText(options.ReadyFile, started.Elapsed.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + "\n");
        }
        Console.WriteLine($"argus-targetgen: {targets.Length} targets x {targets.Sum(t => t.SeriesCount) / Math.Max(1, targets.Length)} series on " +
                          $"{options.Host}:{options.BasePort}..{options.BasePort + options.Targets - 1}, ready in {started.Elapsed.TotalSeconds:0.00} s");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        foreach (TargetListener l in listeners) l.Dispose();
        await Task.WhenAll(loops);
        stats.Write();
        return 0;
    }

    private static async Task StatsLoopAsync(GenStats stats, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stop)) stats.Write();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task ChurnLoopAsync(Target[] targets, GenStats stats, GenOptions options, CancellationToken stop)
    {
        if (options.ChurnFraction <= 0 || options.ChurnEveryMinutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.ChurnEveryMinutes));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                foreach (Target t in targets) stats.ChurnedPods += t.Churn(options.ChurnFraction);
                stats.ChurnEvents++;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
