using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Argus.Tests.Faults;

/// <summary>
/// A deliberately misbehaving scrape target on 127.0.0.1: a raw TCP listener that reads the request line and headers, then
/// hands the connection to the handler registered for the path, which writes whatever bytes it likes (or nothing at all).
/// Every connection is closed when the handler returns or the target is disposed, so nothing outlives the test.
/// </summary>
public sealed class HostileTarget : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, Func<Stream, CancellationToken, Task>> _routes;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accept;
    private readonly Dictionary<string, int> _requests = new(StringComparer.Ordinal);

    public HostileTarget(Dictionary<string, Func<Stream, CancellationToken, Task>> routes)
    {
        _routes = routes;
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>How many requests reached <paramref name="path"/>.</summary>
    public int Requests(string path)
    {
        lock (_requests) return _requests.GetValueOrDefault(path);
    }

    /// <summary>Writes a complete response with a Content-Length, as a well-behaved target does.</summary>
    public static async Task RespondAsync(Stream s, string body, CancellationToken ct, string contentType = "text/plain; version=0.0.4")
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        await RespondAsync(s, bytes, ct, contentType);
    }

    public static async Task RespondAsync(Stream s, byte[] body, CancellationToken ct, string contentType = "text/plain; version=0.0.4")
    {
        await s.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), ct);
        await s.WriteAsync(body, ct);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                string? path = await ReadRequestPathAsync(stream, _stop.Token);
                if (path is null) return;
                lock (_requests) _requests[path] = _requests.GetValueOrDefault(path) + 1;
                if (_routes.TryGetValue(path, out var handler)) await handler(stream, _stop.Token);
                else await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The scraper hung up (timeout, body size limit) or the target is stopping: both are what the tests provoke.
            }
        }
    }

    /// <summary>The path of the request (query string removed), after its headers were read; null if the client went away.</summary>
    private static async Task<string?> ReadRequestPathAsync(Stream stream, CancellationToken ct)
    {
        var head = new List<byte>(1024);
        var one = new byte[1];
        while (head.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one, ct) == 0) return null;
            head.Add(one[0]);
            int n = head.Count;
            if (n >= 4 && head[n - 4] == '\r' && head[n - 3] == '\n' && head[n - 2] == '\r' && head[n - 1] == '\n') break;
        }
        string requestLine = Encoding.ASCII.GetString([.. head]).Split("\r\n")[0];
        string target = requestLine.Split(' ') is [_, var t, ..] ? t : "/";
        int q = target.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? target : target[..q];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept;
        Task[] open;
        lock (_connections) open = [.. _connections];
        await Task.WhenAll(open).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
