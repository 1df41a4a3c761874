using Argus.Collect.Exposition;
using Argus.Collect.Scrape;

namespace Argus.Bench.Ingest;

/// <summary>An in-process target: hands out pre-rendered bodies in turn, so values change every scrape and fetching costs nothing.</summary>
public sealed class RotatingScrapeSource(byte[][] bodies) : IScrapeSource
{
    private int _next;

    public Task<ScrapeBody> FetchAsync(CancellationToken ct)
    {
        var body = bodies[_next];
        _next = (_next + 1) % bodies.Length;
        return Task.FromResult(new ScrapeBody(body, ExpositionContentTypes.PrometheusText));
    }

    public void Dispose()
    {
    }
}
