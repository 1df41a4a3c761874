namespace Argus.Serve.Api;

/// <summary>The Prometheus API's error kinds and their HTTP statuses (web/api/v1/api.go getDefaultErrorCode), in one table.</summary>
public enum ApiErrorType
{
    BadData,
    Execution,
    Timeout,
    Canceled,
    Internal,
    NotFound,
    Unavailable,
}

public static class ApiErrorTypes
{
    public static string Name(ApiErrorType t) => t switch
    {
        ApiErrorType.BadData => "bad_data",
        ApiErrorType.Execution => "execution",
        ApiErrorType.Timeout => "timeout",
        ApiErrorType.Canceled => "canceled",
        ApiErrorType.NotFound => "not_found",
        ApiErrorType.Unavailable => "unavailable",
        _ => "internal",
    };

    public static int Status(ApiErrorType t) => t switch
    {
        ApiErrorType.BadData => 400,
        ApiErrorType.Execution => 422,
        ApiErrorType.Timeout => 503,
        ApiErrorType.Canceled => 499,
        ApiErrorType.NotFound => 404,
        _ => 500,
    };
}
