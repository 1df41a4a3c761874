namespace Argus.Remote.Write;

/// <summary>How one POST of a batch ended, classified as Prometheus's remote client classifies it (storage/remote/client.go).</summary>
public enum SendOutcome : byte
{
    /// <summary>2xx.</summary>
    Success,
    /// <summary>5xx, a network error or a timeout, or 429 with retry_on_http_429: send the same batch again after a backoff.</summary>
    Retry,
    /// <summary>Any other status (4xx, 3xx not followed, 429 without retry_on_http_429): the batch is dropped and counted as failed.</summary>
    Drop,
}
