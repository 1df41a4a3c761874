using Argus.Bench.Ingest;
using BenchmarkDotNet.Running;

namespace Argus.Bench;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/Argus.Bench -- --filter '*'</c> runs the micro-benchmarks;
/// <c>-- headmem [series] [samples] [seriesPerTarget]</c> runs the head memory measurement (<see cref="HeadMemoryProgram"/>);
/// <c>-- ingest [options]</c> runs the end-to-end ingestion measurement (<see cref="IngestRunner"/>), and
/// <c>-- ingest-serve [options]</c> is the loopback target server it starts for <c>--http</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "headmem") return HeadMemoryProgram.Run(args[1..]);
        if (args.Length > 0 && args[0] == "ingest") return await IngestRunner.RunAsync(IngestArgs.Parse(args[1..]));
        if (args.Length > 0 && args[0] == "ingest-serve") return await LoopbackTargetServer.RunAsync(IngestArgs.Parse(args[1..]));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
