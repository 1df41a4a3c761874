namespace Argus.Serve.Api;

/// <summary>A request the API rejects, with the Prometheus error type that decides the HTTP status.</summary>
public sealed class ApiException(ApiErrorType type, string message) : Exception(message)
{
    public ApiErrorType Type { get; } = type;
}
