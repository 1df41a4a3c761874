using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Argus.Tests.Testing;

/// <summary>
/// A real peer program (Debian's Prometheus, pushgateway, node-exporter…) started on a free 127.0.0.1 port for one test,
/// ready once its health URL answers, killed on dispose. Its stderr is kept for failure messages.
/// </summary>
public sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private PeerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>For <see cref="Poll.UntilAsync"/>: the peer's log once it has exited, null while it runs.</summary>
    public string? DiedBecause() => _process.HasExited ? $"exited with {_process.ExitCode}:\n{Log}" : null;
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    public static async Task<PeerProcess> StartAsync(string binary, Func<int, IEnumerable<string>> args, string readyPath = "/-/ready")
    {
        int port = FreePort();
        var start = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args(port)) start.ArgumentList.Add(a);
        var p = new PeerProcess(Process.Start(start)!, port);
        p._process.ErrorDataReceived += (_, e) => { lock (p._log) p._log.AppendLine(e.Data); };
        p._process.OutputDataReceived += (_, e) => { lock (p._log) p._log.AppendLine(e.Data); };
        p._process.BeginErrorReadLine();
        p._process.BeginOutputReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (p._process.HasExited) throw new InvalidOperationException($"{binary} exited with {p._process.ExitCode}: {p.Log}");
            try
            {
                using var r = await http.GetAsync(p.BaseUrl + readyPath);
                if (r.IsSuccessStatusCode) return p;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        await p.DisposeAsync();
        throw new TimeoutException($"{binary} did not become ready on port {port}: {p.Log}");
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
