using Argus.Tests.Faults.Fuzzing;
using SharpFuzz;

// The SharpFuzz entry point: `Argus.Fuzz <target>` under libfuzzer-dotnet (default) or `Argus.Fuzz <target> --afl` under
// afl-fuzz. Runs without a fuzzer driver only to replay inputs: `Argus.Fuzz <target> --replay <file-or-folder>...`.
// How to instrument and run for hours: docs/faults.md, section "Fuzzing".
if (args.Length == 0 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: Argus.Fuzz <{string.Join('|', FuzzTargets.Names)}> [--afl | --replay <path>...]");
    return 2;
}
string target = args[0];
if (args.Length > 1 && args[1] == "--replay")
{
    int count = 0;
    foreach (var path in args.Skip(2))
    {
        var files = Directory.Exists(path) ? Directory.EnumerateFiles(path).Order(StringComparer.Ordinal) : (IEnumerable<string>)[path];
        foreach (var file in files)
        {
            FuzzTargets.Run(target, File.ReadAllBytes(file));
            count++;
        }
    }
    Console.WriteLine($"{target}: {count} inputs replayed without a defect");
    return 0;
}
if (args.Length > 1 && args[1] == "--afl")
{
    // AFL hands each input over a pipe; the stream is read whole because every target parses a complete document.
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        FuzzTargets.Run(target, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    });
    return 0;
}
Fuzzer.LibFuzzer.Run(data => FuzzTargets.Run(target, data));
return 0;
