using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Argus.Bench.Ingest;

/// <summary>
/// Serves K targets' pre-rendered bodies over HTTP/1.1 keep-alive on one loopback port (<c>GET /t/{k}</c>), rotating
/// through each target's variants as targets.py re-renders. Runs as a child process (<c>ingest-serve</c>) so its CPU time is
/// not charged to the scraper being measured. With gzip, bodies are compressed once up front, as an exporter's would be
/// per scrape (the scraper's inflate cost is what counts here).
/// </summary>
public static class LoopbackTargetServer
{
    public static async Task<int> RunAsync(IngestArgs a)
    {
        var bodies = new byte[a.Targets][][];
        for (int k = 0; k < a.Targets; k++)
        {
            bodies[k] = IngestBodies.Render(k, a.Series, a.Variants, a.Interval.TotalSeconds);
            if (a.Gzip)
            {
                for (int v = 0; v < bodies[k].Length; v++) bodies[k][v] = Gzip(bodies[k][v]);
            }
        }
        var next = new int[a.Targets];
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, a.Port));
        listener.Listen(512);
        Console.WriteLine("listening " + ((IPEndPoint)listener.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
        _ = Task.Run(() => Console.In.ReadToEnd()).ContinueWith(_ => Environment.Exit(0), TaskScheduler.Default); // parent gone: stop
        while (true)
        {
            var conn = await listener.AcceptAsync();
            _ = ServeAsync(conn, bodies, next, a.Gzip);
        }
    }

    private static async Task ServeAsync(Socket conn, byte[][][] bodies, int[] next, bool gzip)
    {
        using var _ = conn;
        conn.NoDelay = true;
        var buffer = new byte[8192];
        int have = 0;
        try
        {
            while (true)
            {
                int end;
                while ((end = buffer.AsSpan(0, have).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    int n = await conn.ReceiveAsync(buffer.AsMemory(have), SocketFlags.None);
                    if (n == 0) return;
                    have += n;
                }
                string head = Encoding.ASCII.GetString(buffer, 0, end);
                buffer.AsSpan(end + 4, have - end - 4).CopyTo(buffer);
                have -= end + 4;
                string path = head.Split(' ', 3)[1];
                int k = int.Parse(path.AsSpan(path.LastIndexOf('/') + 1), CultureInfo.InvariantCulture);
                byte[] body;
                lock (next)
                {
                    body = bodies[k][next[k]];
                    next[k] = (next[k] + 1) % bodies[k].Length;
                }
                string header = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n" +
                    (gzip ? "Content-Encoding: gzip\r\n" : "") + "Content-Length: " + body.Length.ToString(CultureInfo.InvariantCulture) + "\r\n\r\n";
                await conn.SendAsync(Encoding.ASCII.GetBytes(header), SocketFlags.None);
                await conn.SendAsync(body, SocketFlags.None);
            }
        }
        catch (SocketException)
        {
        }
    }

    private static byte[] Gzip(byte[] body)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(body);
        return ms.ToArray();
    }
}
