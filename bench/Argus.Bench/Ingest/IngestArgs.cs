using System.Globalization;

namespace Argus.Bench.Ingest;

/// <summary>Options of the <c>ingest</c> and <c>ingest-serve</c> modes (see <see cref="IngestRunner"/>).</summary>
public sealed record IngestArgs
{
    public int Targets { get; init; } = 100;
    public int Series { get; init; } = 1000;
    public int Warmup { get; init; } = 3;
    public int Scrapes { get; init; } = 20;
    public int Variants { get; init; } = 4;
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);
    public int Parallel { get; init; } = 1;
    public bool Http { get; init; }
    public bool Gzip { get; init; }
    public bool Wal { get; init; } = true;

    /// <summary>Scrape into a store that keeps nothing (<see cref="NullAppendable"/>): the scrape side alone.</summary>
    public bool NullStore { get; init; }
    public int Port { get; init; }

    public static IngestArgs Parse(string[] args)
    {
        var a = new IngestArgs();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"ingest: {name} needs a value");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            a = name switch
            {
                "--targets" => a with { Targets = Int() },
                "--series" => a with { Series = Int() },
                "--warmup" => a with { Warmup = Int() },
                "--scrapes" => a with { Scrapes = Int() },
                "--variants" => a with { Variants = Int() },
                "--interval" => a with { Interval = TimeSpan.FromSeconds(Int()) },
                "--parallel" => a with { Parallel = Int() },
                "--port" => a with { Port = Int() },
                "--http" => a with { Http = true },
                "--gzip" => a with { Gzip = true },
                "--no-wal" => a with { Wal = false },
                "--null-store" => a with { NullStore = true },
                _ => throw new ArgumentException($"ingest: unknown option \"{name}\" (known: --targets --series --warmup --scrapes --variants --interval --parallel --http --gzip --no-wal --null-store)"),
            };
        }
        return a;
    }
}
