using BenchmarkDotNet.Running;

namespace Argus.Bench;

/// <summary>Entry point: <c>dotnet run -c Release --project bench/Argus.Bench -- --filter '*'</c> runs the micro-benchmarks.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
