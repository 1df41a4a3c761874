namespace Argus.Remote.Read;

/// <summary>
/// A remote read request that cannot be answered, with the HTTP status Prometheus's read handler uses for it: 400 for a
/// malformed body, a bad matcher or an exceeded limit, 500 for a storage failure. The message is sent as plain text.
/// </summary>
public sealed class RemoteReadException(int statusCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int StatusCode { get; } = statusCode;
}
