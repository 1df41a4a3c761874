namespace Argus.Collect.Scrape;

/// <summary>Where a scrape body comes from: a target over HTTP, or a built-in collector rendered in process.</summary>
public interface IScrapeSource : IDisposable
{
    /// <summary>Fetches one body. The memory is valid until the next call. Failures throw <see cref="ScrapeException"/>.</summary>
    Task<ScrapeBody> FetchAsync(CancellationToken ct);

    /// <summary>
    /// The scrape loop is done with the last body: a source that borrowed its buffer from a shared pool gives it back
    /// (HTTP targets), one that keeps its own (built-in collectors) has nothing to do.
    /// </summary>
    void ReleaseBody()
    {
    }
}

/// <summary>A fetched body and its media type (which decides the parser).</summary>
public readonly record struct ScrapeBody(ReadOnlyMemory<byte> Bytes, string? ContentType);
