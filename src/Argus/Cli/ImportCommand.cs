using System.Globalization;
using Argus.Collect.Backfill;

namespace Argus.Cli;

/// <summary><c>argus tsdb import openmetrics FILE [DIR]</c>: backfill; any bad line aborts with nothing written (exit 1).</summary>
public static class ImportCommand
{
    public static int Run(string file, string storageDir, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var blocks = new OpenMetricsImporter().Import(file, storageDir, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            foreach (var b in blocks)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"BLOCK {b.Ulid}  {DateTimeOffset.FromUnixTimeMilliseconds(b.MinTime):u} .. {DateTimeOffset.FromUnixTimeMilliseconds(b.MaxTime):u}  series {b.Stats.NumSeries}  samples {b.Stats.NumSamples}"));
            }
            stdout.WriteLine($"imported {blocks.Count} block(s) into {storageDir}");
            return 0;
        }
        catch (BackfillException e)
        {
            stderr.WriteLine("argus: import failed: " + e.Message);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"argus: import failed: {e.Message}");
            return 1;
        }
    }
}
