using System.Net;

namespace Argus.Cli;

/// <summary>Parses Prometheus-style listen addresses: <c>host:port</c>, <c>:port</c>, <c>[::1]:port</c>.</summary>
public static class ListenAddress
{
    public static bool TryParse(string s, out IPEndPoint endpoint, out string? error)
    {
        endpoint = new IPEndPoint(IPAddress.Any, 0);
        int colon = s.LastIndexOf(':');
        if (colon < 0)
        {
            error = $"address \"{s}\": missing port";
            return false;
        }
        string host = s[..colon];
        if (!int.TryParse(s.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            error = $"address \"{s}\": invalid port \"{s[(colon + 1)..]}\"";
            return false;
        }
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        IPAddress ip;
        if (host.Length == 0 || host == "0.0.0.0") ip = IPAddress.Any;
        else if (host == "localhost") ip = IPAddress.Loopback;
        else if (!IPAddress.TryParse(host, out ip!))
        {
            try
            {
                ip = Dns.GetHostAddresses(host).First();
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or InvalidOperationException)
            {
                error = $"address \"{s}\": cannot resolve host \"{host}\"";
                return false;
            }
        }
        endpoint = new IPEndPoint(ip, port);
        error = null;
        return true;
    }

    /// <summary>The address a local client uses to reach a server listening on <paramref name="listen"/> (self-scrape).</summary>
    public static string LocalTarget(IPEndPoint listen)
    {
        string host = listen.Address.Equals(IPAddress.Any) || listen.Address.Equals(IPAddress.IPv6Any) ? "localhost" :
            listen.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{listen.Address}]" : listen.Address.ToString();
        return $"{host}:{listen.Port}";
    }
}
