using Argus.Model;

namespace Argus.Tests.Store.Blocks;

/// <summary>
/// The series of testdata/v1-block, a block written by Argus before chunk segments carried an encoding byte (version 1:
/// XOR chunks back to back). Regenerated here so the test can compare what it reads with what was written.
/// </summary>
internal static class VersionOneBlockData
{
    public const long Start = 1_700_006_400_000; // a 2 h boundary

    public static string Dir([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "testdata", "v1-block");

    public static Dictionary<Labels, Sample[]> Series()
    {
        var counter = new Sample[300];
        var gauge = new Sample[300];
        var special = new Sample[300];
        long n = 1_000_000;
        for (int i = 0; i < 300; i++)
        {
            long t = Start + i * 15_000L;
            n += 1000 + i % 7;
            counter[i] = new Sample(t, n);
            gauge[i] = new Sample(t, Math.Round(40 + Math.Sin(i / 10.0) * 5, 2));
            special[i] = new Sample(t, (i % 50) switch
            {
                10 => double.NaN,
                20 => StaleNaN.Value,
                30 => -0.0,
                40 => double.PositiveInfinity,
                _ => i * 0.1,
            });
        }
        return new Dictionary<Labels, Sample[]>
        {
            [Labels.FromStrings("__name__", "bytes_total", "job", "node")] = counter,
            [Labels.FromStrings("__name__", "temperature_celsius", "job", "node")] = gauge,
            [Labels.FromStrings("__name__", "special", "job", "node")] = special,
        };
    }
}
