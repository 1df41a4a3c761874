using System.Globalization;

namespace Argus.TargetGen;

/// <summary>The command line, with targets.py's flags and defaults (--workers is accepted and ignored: one process serves all).</summary>
internal sealed record GenOptions
{
    public int Targets { get; init; } = 10;
    public int Series { get; init; } = 1000;
    public int BasePort { get; init; } = 20000;
    public string Host { get; init; } = "127.0.0.1";
    public double Refresh { get; init; } = 1.0;
    public double ChurnFraction { get; init; }
    public double ChurnEveryMinutes { get; init; }
    public string StatsDir { get; init; } = "";
    public int Seed { get; init; } = 1;
    public double MaxRuntimeSeconds { get; init; } = 6 * 3600;
    public string ReadyFile { get; init; } = "";
    public int Dump { get; init; }
    public string ValueModel { get; init; } = "k8s";

    public const string Usage = """
        argus-targetgen: synthetic Kubernetes-shaped scrape targets (the shapes and value model of ../shared/bench/targets.py),
        served from pre-rendered bodies whose value digits are rewritten in place.
          --targets K --series S --base-port P --host 127.0.0.1 --refresh SECONDS --churn-fraction F --churn-every MINUTES
          --stats-dir DIR --seed N --max-runtime SECONDS --ready-file FILE --dump N --value-model k8s|noisy --workers W (ignored)
        """;

    /// <summary>Parses <c>--flag value</c> and <c>--flag=value</c>; throws <see cref="ArgumentException"/> naming the bad flag.</summary>
    public static GenOptions Parse(string[] args)
    {
        var o = new GenOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string flag = args[i], value;
            int eq = flag.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                value = flag[(eq + 1)..];
                flag = flag[..eq];
            }
            else
            {
                if (i + 1 >= args.Length) throw new ArgumentException($"flag {flag} needs a value");
                value = args[++i];
            }
            o = flag switch
            {
                "--targets" or "-k" => o with { Targets = Int(flag, value) },
                "--series" or "-s" => o with { Series = Int(flag, value) },
                "--base-port" => o with { BasePort = Int(flag, value) },
                "--host" => o with { Host = value },
                "--refresh" => o with { Refresh = Double(flag, value) },
                "--churn-fraction" => o with { ChurnFraction = Double(flag, value) },
                "--churn-every" => o with { ChurnEveryMinutes = Double(flag, value) },
                "--stats-dir" => o with { StatsDir = value },
                "--seed" => o with { Seed = Int(flag, value) },
                "--max-runtime" => o with { MaxRuntimeSeconds = Double(flag, value) },
                "--ready-file" => o with { ReadyFile = value },
                "--dump" => o with { Dump = Int(flag, value) },
                "--value-model" when value is "k8s" or "noisy" => o with { ValueModel = value },
                "--workers" => o,
                _ => throw new ArgumentException($"unknown flag or bad value: {args[i]}"),
            };
        }
        if (!(o.Host.StartsWith("127.", StringComparison.Ordinal) || o.Host is "localhost" or "::1"))
        {
            throw new ArgumentException($"refusing non-loopback host \"{o.Host}\"");
        }
        return o;
    }

    private static int Int(string flag, string v) =>
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : throw new ArgumentException($"{flag}: not an integer: \"{v}\"");

    private static double Double(string flag, string v) =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : throw new ArgumentException($"{flag}: not a number: \"{v}\"");
}
