using System.Net.Http.Headers;
using Argus.Telemetry;

namespace Argus.Remote.Write;

/// <summary>
/// POSTs encoded WriteRequests to one remote_write URL with the protocol's headers (which user headers cannot override),
/// reads at most 1 KiB of an error body for the log, and classifies the result. Thread-safe: shards share one client.
/// </summary>
public sealed class RemoteWriteClient
{
    internal const string ContentType = "application/x-protobuf";
    internal const string VersionHeader = "X-Prometheus-Remote-Write-Version";
    internal const string Version = "0.1.0";
    private const int MaxErrorBodyBytes = 1024;

    private static readonly MediaTypeHeaderValue s_contentType = new(ContentType);
    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly TimeSpan _timeout;
    private readonly bool _retryOn429;
    private readonly TimeProvider _time;
    private readonly KeyValuePair<string, string>[] _headers;

    /// <param name="headers">remote_write <c>headers</c>; the four protocol headers among them are ignored.</param>
    public RemoteWriteClient(HttpClient http, Uri url, TimeSpan timeout, bool retryOn429, TimeProvider time,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        _headers = headers is null ? [] : [.. headers.Where(h => !IsProtocolHeader(h.Key))];
        _http = http;
        _url = url;
        _timeout = timeout;
        _retryOn429 = retryOn429;
        _time = time;
    }

    public Uri Url => _url;

    public async Task<SendResult> SendAsync(ReadOnlyMemory<byte> body, CancellationToken stop)
    {
        using var deadline = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, deadline.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ReadOnlyMemoryContent(body) };
            foreach (var (name, value) in _headers) request.Headers.TryAddWithoutValidation(name, value);
            request.Content.Headers.ContentType = s_contentType;
            request.Content.Headers.ContentEncoding.Add("snappy");
            request.Headers.Remove("User-Agent");
            request.Headers.TryAddWithoutValidation("User-Agent", "Argus/" + VersionInfo.Version);
            request.Headers.Remove(VersionHeader);
            request.Headers.TryAddWithoutValidation(VersionHeader, Version);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            int status = (int)response.StatusCode;
            if (status / 100 == 2) return new SendResult(SendOutcome.Success, status, null, null);
            string text = await ReadErrorBodyAsync(response, linked.Token);
            string error = $"server returned HTTP status {status} {response.ReasonPhrase}: {text}";
            if (status / 100 == 5) return new SendResult(SendOutcome.Retry, status, RetryAfter(response), error);
            if (status == 429 && _retryOn429) return new SendResult(SendOutcome.Retry, status, RetryAfter(response), error);
            return new SendResult(SendOutcome.Drop, status, null, error);
        }
        catch (HttpRequestException e)
        {
            return new SendResult(SendOutcome.Retry, 0, null, e.Message);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return new SendResult(SendOutcome.Retry, 0, null, $"request timed out after {_timeout.TotalSeconds:0.###}s (remote_timeout)");
        }
    }

    internal static bool IsProtocolHeader(string name) =>
        name.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase) ||
        name.Equals(VersionHeader, StringComparison.OrdinalIgnoreCase);

    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            byte[] buffer = new byte[MaxErrorBodyBytes];
            int n = 0, read;
            while (n < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(n), ct)) > 0) n += read;
            return System.Text.Encoding.UTF8.GetString(buffer, 0, n).Trim();
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return "";
        }
    }

    /// <summary>Retry-After in seconds or as an HTTP date, as Prometheus's retryAfterDuration reads it.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header is null) return null;
        if (header.Delta is { } delta) return delta;
        if (header.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
