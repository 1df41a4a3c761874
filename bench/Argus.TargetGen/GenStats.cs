using System.Diagnostics;
using System.Text.Json;

namespace Argus.TargetGen;

/// <summary>
/// Writes worker-0.json in the stats directory, with the fields ../shared/bench/benchctl.py gen_stats sums (series, scrapes,
/// samples_served, bytes_served, renders, render_cpu_s, churn_events, churned_pods; the pid, whose /proc CPU time it reads).
/// render_cpu_s is the wall time spent rendering under each target's lock (the process's CPU is in cpu_s and /proc).
/// </summary>
internal sealed class GenStats(string directory, IReadOnlyList<Target> targets, GenOptions options)
{
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;

    public int ChurnEvents { get; set; }

    public int ChurnedPods { get; set; }

    public void Write()
    {
        if (directory.Length == 0) return;
        long scrapes = 0, samples = 0, bytes = 0, series = 0;
        int renders = 0;
        double renderSeconds = 0;
        foreach (Target t in targets)
        {
            scrapes += t.Scrapes;
            samples += t.SamplesServed;
            bytes += t.BytesServed;
            series += t.SeriesCount;
            renders += t.Renders;
            renderSeconds += t.RenderSeconds;
        }
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using var process = Process.GetCurrentProcess();
        var stats = new Dictionary<string, object>
        {
            ["worker"] = 0,
            ["pid"] = Environment.ProcessId,
            ["time"] = now.ToUnixTimeMilliseconds() / 1000.0,
            ["uptime_s"] = (now - _start).TotalSeconds,
            ["targets"] = targets.Count,
            ["series"] = series,
            ["value_model"] = options.ValueModel,
            ["generator"] = "csharp",
            ["scrapes"] = scrapes,
            ["samples_served"] = samples,
            ["bytes_served"] = bytes,
            ["renders"] = renders,
            ["render_cpu_s"] = Math.Round(renderSeconds, 3),
            ["cpu_s"] = Math.Round(process.TotalProcessorTime.TotalSeconds, 3),
            ["churn_events"] = ChurnEvents,
            ["churned_pods"] = ChurnedPods,
        };
        string tmp = Path.Combine(directory, ".worker-0.json.tmp");
        File.WriteAllText(tmp, JsonSerializer.Serialize(stats));
        File.Move(tmp, Path.Combine(directory, "worker-0.json"), overwrite: true);
    }
}
