using System.Diagnostics;
using System.Text;

namespace Argus.Tests.Testing;

/// <summary>Runs the built <c>argus</c> (argus.dll beside the tests) as a real child process, for signals and exit codes.</summary>
public sealed class ArgusProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ArgusProcess(Process p) => _process = p;

    public static string Dll => typeof(Argus.Program).Assembly.Location;

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static ArgusProcess Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = new ArgusProcess(Process.Start(psi)!);
        p._process.OutputDataReceived += (_, e) => { lock (p._output) p._output.AppendLine(e.Data); };
        p._process.ErrorDataReceived += (_, e) => { lock (p._output) p._output.AppendLine(e.Data); };
        p._process.BeginOutputReadLine();
        p._process.BeginErrorReadLine();
        return p;
    }

    /// <summary>Runs to completion and returns the exit code and everything printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        await using var p = Start(args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p._process.WaitForExitAsync(timeout.Token);
        p._process.WaitForExit(); // drains the redirected streams
        return (p._process.ExitCode, p.Output);
    }

    public void Signal(int signal)
    {
        if (Posix.Kill(_process.Id, signal) != 0) throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    private static class Posix
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int sig);
    }

    public const int SIGHUP = 1;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
}
