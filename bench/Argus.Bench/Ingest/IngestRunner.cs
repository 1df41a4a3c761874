using System.Diagnostics;
using System.Globalization;
using Argus.Collect.Scrape;
using Argus.Config;
using Argus.Config.Http;
using Argus.Model;
using Argus.Store;
using Argus.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Bench.Ingest;

/// <summary>
/// End-to-end ingestion measurement (<c>dotnet run -c Release --project bench/Argus.Bench -- ingest [options]</c>): K real
/// <see cref="ScrapeLoop"/>s scrape targets.py-shaped bodies into a real <see cref="Db"/> (head + WAL in a temp directory),
/// round after round with simulated scrape times <c>--interval</c> apart, as fast as the machine allows. Bodies come from
/// memory (<see cref="RotatingScrapeSource"/>) or, with <c>--http</c>, over loopback HTTP from a child process
/// (<see cref="LoopbackTargetServer"/>) through the product's HttpClient and <see cref="HttpScrapeSource"/>.
/// <para>After <c>--warmup</c> rounds (series creation, JIT, cache fill) it measures <c>--scrapes</c> rounds and prints
/// process CPU time per appended sample (user + system, GC threads included), samples per wall second (with
/// <c>--parallel 1</c>: on one core), and bytes allocated per sample.</para>
/// </summary>
public static class IngestRunner
{
    private static readonly DateTimeOffset s_t0 = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    public static async Task<int> RunAsync(IngestArgs a)
    {
        string dir = Path.Combine(Path.GetTempPath(), "argus-ingest-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Process? server = null;
        HttpClient? client = null;
        var loops = new List<ScrapeLoop>();
        try
        {
            var registry = new MetricsRegistry();
            await using var db = Db.Open(new DbOptions { Path = dir, WalEnabled = a.Wal }, registry, NullLoggerFactory.Instance);
            var metrics = new ScrapeMetrics(registry);
            var nullStore = a.NullStore ? new NullAppendable() : null;
            IAppendable store = nullStore is null ? db : nullStore;
            Func<double> appendedTotal = nullStore is null ? () => db.Head.Metrics.SamplesAppended.Value : () => nullStore.Appended;
            var options = new ScrapeLoopOptions { Interval = a.Interval, Timeout = TimeSpan.FromSeconds(10) };
            long bodyBytes = 0;
            int seriesPerRound = 0;
            Uri? baseUrl = null;
            if (a.Http)
            {
                (server, int port) = StartServer(a);
                baseUrl = new Uri($"http://127.0.0.1:{port}/t/");
                client = HttpClientBuilder.Build(new ScrapeConfig { JobName = "ingest", EnableCompression = a.Gzip }, ".");
            }
            for (int k = 0; k < a.Targets; k++)
            {
                string instance = $"node-{k:D4}:9100";
                var url = baseUrl is null ? new Uri($"http://{instance}/metrics") : new Uri(baseUrl, k.ToString(CultureInfo.InvariantCulture));
                var target = new Target("ingest", Labels.FromStrings("__address__", instance, "instance", instance, "job", "ingest"),
                    Labels.Empty, a.Interval, options.Timeout, url);
                IScrapeSource source;
                if (client is not null)
                {
                    source = new HttpScrapeSource(client, url, options.Timeout, 0, a.Gzip);
                    if (k == 0) seriesPerRound = a.Targets * IngestBodies.CountSeries(IngestBodies.Render(0, a.Series, 1, 0)[0]);
                }
                else
                {
                    var bodies = IngestBodies.Render(k, a.Series, a.Variants, a.Interval.TotalSeconds);
                    bodyBytes += bodies[0].Length;
                    seriesPerRound += IngestBodies.CountSeries(bodies[0]);
                    source = new RotatingScrapeSource(bodies);
                }
                loops.Add(new ScrapeLoop(target, source, store, options, TimeProvider.System, NullLogger.Instance, metrics, 0));
            }
            Console.WriteLine($"ingest: {a.Targets} targets, {seriesPerRound:N0} series per round" +
                (bodyBytes > 0 ? $" ({(double)bodyBytes / seriesPerRound:F0} bytes per series)" : "") +
                $", {(a.Http ? "loopback HTTP" + (a.Gzip ? " gzip" : "") : "in process")}, " +
                (a.NullStore ? "null store, " : $"WAL {(a.Wal ? "on" : "off")}, ") +
                $"parallel {a.Parallel}, server GC {System.Runtime.GCSettings.IsServerGC}");

            int round = 0;
            for (; round < a.Warmup; round++) await RoundAsync(loops, round, a);
            CheckUp(loops);
            GC.Collect();
            GC.WaitForPendingFinalizers();

            var proc = Process.GetCurrentProcess();
            proc.Refresh();
            TimeSpan cpu0 = proc.TotalProcessorTime, user0 = proc.UserProcessorTime;
            double appended0 = appendedTotal();
            long alloc0 = GC.GetTotalAllocatedBytes(precise: true);
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            long start = Stopwatch.GetTimestamp();
            var perRound = new double[a.Scrapes];
            for (int i = 0; i < a.Scrapes; i++, round++)
            {
                var roundCpu = ProcessCpu.Now();
                double roundAppended = appendedTotal();
                await RoundAsync(loops, round, a);
                perRound[i] = (ProcessCpu.Now() - roundCpu).TotalMicroseconds / (appendedTotal() - roundAppended);
            }
            var wall = Stopwatch.GetElapsedTime(start);
            proc.Refresh();
            var cpu = proc.TotalProcessorTime - cpu0;
            var user = proc.UserProcessorTime - user0;
            long alloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
            double appended = appendedTotal() - appended0;
            CheckUp(loops);

            Console.WriteLine($"measured {a.Scrapes} rounds: {appended:N0} samples appended in {wall.TotalSeconds:F2} s wall, " +
                $"{cpu.TotalSeconds:F2} s CPU ({user.TotalSeconds:F2} user, {(cpu - user).TotalSeconds:F2} system)");
            Console.WriteLine($"  CPU per sample:      {cpu.TotalMicroseconds / appended:F3} us");
            Array.Sort(perRound);
            Console.WriteLine($"  per round: min {perRound[0]:F3} us, median {perRound[perRound.Length / 2]:F3} us (a GC lands in some rounds; the median is least disturbed by other processes)");
            Console.WriteLine($"  samples/s (wall):    {appended / wall.TotalSeconds:N0}");
            Console.WriteLine($"  samples/s per core:  {appended / cpu.TotalSeconds:N0}");
            Console.WriteLine($"  allocated per sample: {alloc / appended:F2} B ({alloc / (double)a.Scrapes / a.Targets:N0} B per scrape)");
            Console.WriteLine($"  GCs: gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}; " +
                $"head series {db.Head.SeriesCount:N0}; WAL {(a.Wal ? db.Head.Wal!.SizeBytes / 1048576.0 : 0):F0} MiB; " +
                $"working set {Environment.WorkingSet / 1048576.0:F0} MiB");
            return 0;
        }
        finally
        {
            foreach (var loop in loops) await loop.DisposeAsync();
            client?.Dispose();
            if (server is not null)
            {
                server.Kill();
                await server.WaitForExitAsync();
                server.Dispose();
            }
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task RoundAsync(List<ScrapeLoop> loops, int round, IngestArgs a)
    {
        var time = s_t0 + (a.Interval * round);
        if (a.Parallel <= 1)
        {
            foreach (var loop in loops) await loop.ScrapeOnceAsync(time, CancellationToken.None);
            return;
        }
        await Parallel.ForEachAsync(loops, new ParallelOptions { MaxDegreeOfParallelism = a.Parallel },
            async (loop, ct) => await loop.ScrapeOnceAsync(time, ct));
    }

    private static void CheckUp(List<ScrapeLoop> loops)
    {
        foreach (var loop in loops)
        {
            var report = loop.Target.LastReport;
            if (report.Health != TargetHealth.Up)
            {
                throw new InvalidOperationException($"target {loop.Target} is {report.Health}: {report.LastError}");
            }
        }
    }

    private static (Process Server, int Port) StartServer(IngestArgs a)
    {
        string exe = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(exe) == "dotnet") psi.ArgumentList.Add(typeof(IngestRunner).Assembly.Location);
        foreach (string arg in new[]
        {
            "ingest-serve", "--targets", a.Targets.ToString(CultureInfo.InvariantCulture), "--series", a.Series.ToString(CultureInfo.InvariantCulture),
            "--variants", a.Variants.ToString(CultureInfo.InvariantCulture), "--interval", ((int)a.Interval.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        })
        {
            psi.ArgumentList.Add(arg);
        }
        if (a.Gzip) psi.ArgumentList.Add("--gzip");
        var server = Process.Start(psi)!;
        string? line = server.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            server.Kill();
            throw new InvalidOperationException($"ingest-serve did not start: \"{line}\"");
        }
        return (server, int.Parse(line.AsSpan("listening ".Length), CultureInfo.InvariantCulture));
    }
}
