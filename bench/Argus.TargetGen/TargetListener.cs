using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Argus.TargetGen;

/// <summary>
/// A minimal HTTP/1.1 server for one target on one 127.0.0.1 port: keep-alive, GET /metrics answered with the target's
/// pre-rendered response in one send, 404 otherwise, "Connection: close" honoured. The body is always identity-encoded
/// (what a scraper asking for gzip also accepts, and what targets.py serves).
/// </summary>
internal sealed class TargetListener(Target target, IPAddress host, int port, double refreshSeconds) : IDisposable
{
    /// <summary>Requests larger than this close the connection, as targets.py does past 64 KiB.</summary>
    private const int MaxRequestBytes = 64 * 1024;

    private static readonly byte[] s_notFound =
        "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nnot found\n"u8.ToArray();

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public Target Target => target;

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>Binds and listens; throws if the port is taken.</summary>
    public void Start()
    {
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(new IPEndPoint(host, port));
        _socket.Listen(128);
    }

    public async Task AcceptLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            client.NoDelay = true;
            _ = ServeAsync(client, stop);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken stop)
    {
        byte[] buffer = new byte[4096];
        int len = 0;
        try
        {
            while (true)
            {
                if (len == buffer.Length)
                {
                    if (buffer.Length >= MaxRequestBytes) return;
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                int n = await client.ReceiveAsync(buffer.AsMemory(len), SocketFlags.None, stop);
                if (n == 0) return;
                len += n;
                while (TryTakeRequest(buffer, ref len, out bool metrics, out bool close))
                {
                    if (metrics)
                    {
                        ResponseBuffer response = target.Acquire(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency, refreshSeconds);
                        try
                        {
                            await SendAllAsync(client, response.Bytes, stop);
                        }
                        finally
                        {
                            target.Release(response);
                        }
                    }
                    else
                    {
                        await SendAllAsync(client, s_notFound, stop);
                    }
                    if (close) return;
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The scraper went away or we are stopping: nothing to report.
        }
        finally
        {
            client.Dispose();
        }
    }

    private static async ValueTask SendAllAsync(Socket client, ReadOnlyMemory<byte> bytes, CancellationToken stop)
    {
        while (!bytes.IsEmpty)
        {
            int sent = await client.SendAsync(bytes, SocketFlags.None, stop);
            bytes = bytes[sent..];
        }
    }

    /// <summary>
    /// Takes the first complete request head off the buffer: whether it asks for /metrics and whether it says
    /// "Connection: close". Request bodies are not expected (GET) and not read.
    /// </summary>
    internal static bool TryTakeRequest(byte[] buffer, ref int len, out bool metrics, out bool close)
    {
        metrics = close = false;
        ReadOnlySpan<byte> data = buffer.AsSpan(0, len);
        int end = data.IndexOf("\r\n\r\n"u8);
        if (end < 0) return false;
        ReadOnlySpan<byte> head = data[..end];
        int lineEnd = head.IndexOf("\r\n"u8);
        ReadOnlySpan<byte> requestLine = lineEnd < 0 ? head : head[..lineEnd];
        int sp = requestLine.IndexOf((byte)' ');
        if (sp >= 0)
        {
            ReadOnlySpan<byte> target = requestLine[(sp + 1)..];
            int sp2 = target.IndexOf((byte)' ');
            if (sp2 >= 0) target = target[..sp2];
            metrics = target.StartsWith("/metrics"u8);
        }
        close = ContainsIgnoreCase(head, "connection: close"u8);
        int consumed = end + 4;
        buffer.AsSpan(consumed, len - consumed).CopyTo(buffer);
        len -= consumed;
        return true;
    }

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> lowerNeedle)
    {
        for (int i = 0; i + lowerNeedle.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < lowerNeedle.Length && (haystack[i + j] | 0x20) == lowerNeedle[j]) j++;
            if (j == lowerNeedle.Length) return true;
        }
        return false;
    }

    public void Dispose() => _socket.Dispose();
}
