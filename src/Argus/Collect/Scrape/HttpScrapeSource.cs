using Argus.Collect.Exposition;

namespace Argus.Collect.Scrape;

/// <summary>Fetches a target's metrics over HTTP(S) with Prometheus's Accept header, gzip and the body size limit.</summary>
public sealed class HttpScrapeSource(HttpClient client, Uri url, TimeSpan timeout, long bodySizeLimitBytes, bool enableCompression) : IScrapeSource
{
    // Header values are fixed per target: built once, not per scrape.
    private static readonly string s_userAgent = "Argus/" + Telemetry.VersionInfo.Version;
    private readonly string _acceptEncoding = enableCompression ? "gzip" : "identity";
    private readonly HttpBodyReader _reader = new();
    private readonly string _timeoutHeader = timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<ScrapeBody> FetchAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", ExpositionContentTypes.ScrapeAccept);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", _acceptEncoding);
        request.Headers.TryAddWithoutValidation("User-Agent", s_userAgent);
        request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", _timeoutHeader);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new ScrapeException($"server returned HTTP status {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        var bytes = await _reader.ReadAsync(response, bodySizeLimitBytes, ct);
        return new ScrapeBody(bytes, response.Content.Headers.ContentType?.ToString());
    }

    public void ReleaseBody() => _reader.Release();

    public void Dispose()
    {
        // The HttpClient is shared by the scrape pool and disposed with it.
    }
}
