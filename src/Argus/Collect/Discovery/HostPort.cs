namespace Argus.Collect.Discovery;

/// <summary>Go's net.SplitHostPort: <c>host:port</c>, <c>[v6]:port</c>; a bare IPv6 address or a missing port is an error.</summary>
internal static class HostPort
{
    public static bool TrySplit(string hostport, out string host, out string port)
    {
        host = port = "";
        int i = hostport.LastIndexOf(':');
        if (i < 0) return false; // missing port
        if (hostport.Length > 0 && hostport[0] == '[')
        {
            int end = hostport.IndexOf(']');
            if (end < 0) return false; // missing ']'
            if (end + 1 == hostport.Length) return false; // missing port
            if (end + 1 != i) return false; // "[::1]x:80" or "[::1]:80:90"
            host = hostport[1..end];
            if (host.Contains('[') || host.Contains(']')) return false;
        }
        else
        {
            host = hostport[..i];
            if (host.Contains(':')) return false; // too many colons
            if (host.Contains('[') || host.Contains(']')) return false;
        }
        if (hostport.AsSpan(i + 1).IndexOfAny('[', ']') >= 0) return false;
        port = hostport[(i + 1)..];
        return true;
    }
}
