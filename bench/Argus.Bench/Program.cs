using BenchmarkDotNet.Running;

namespace Argus.Bench;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/Argus.Bench -- --filter '*'</c> runs the micro-benchmarks;
/// <c>-- headmem [series] [samples] [seriesPerTarget]</c> runs the head memory measurement (<see cref="HeadMemoryProgram"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "headmem") return HeadMemoryProgram.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
