using System.Net.Http.Headers;
using Argus.Collect.Exposition;

namespace Argus.Collect.Scrape;

/// <summary>Fetches a target's metrics over HTTP(S) with Prometheus's Accept header, gzip and the body size limit.</summary>
public sealed class HttpScrapeSource(HttpClient client, Uri url, TimeSpan timeout, long bodySizeLimitBytes, bool enableCompression) : IScrapeSource
{
    private readonly HttpBodyReader _reader = new();
    private readonly string _timeoutHeader = timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<ScrapeBody> FetchAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", ExpositionContentTypes.ScrapeAccept);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(enableCompression ? "gzip" : "identity"));
        request.Headers.TryAddWithoutValidation("User-Agent", "Argus/" + Telemetry.VersionInfo.Version);
        request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", _timeoutHeader);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new ScrapeException($"server returned HTTP status {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        var bytes = await _reader.ReadAsync(response, bodySizeLimitBytes, ct);
        return new ScrapeBody(bytes, response.Content.Headers.ContentType?.ToString());
    }

    public void Dispose()
    {
        // The HttpClient is shared by the scrape pool and disposed with it.
    }
}
