using System.Collections.Concurrent;
using System.Net;
using Argus.Model;
using Argus.Remote.Protocol;

namespace Argus.Tests.Remote.Write;

/// <summary>
/// A remote write receiver as an HttpMessageHandler: decodes every request, records it with its headers, and answers from a
/// script (request number → response; 204 when the script has nothing to say).
/// </summary>
internal sealed class FakeRemoteWriteEndpoint : HttpMessageHandler
{
    private readonly Func<int, HttpResponseMessage?> _script;
    private int _requests;

    public FakeRemoteWriteEndpoint(Func<int, HttpResponseMessage?>? script = null) => _script = script ?? (_ => null);

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Samples of successful requests (those answered 2xx), in arrival order.</summary>
    public List<(Labels Labels, Sample Sample)> Accepted()
    {
        var result = new List<(Labels, Sample)>();
        foreach (var r in Received)
        {
            if (r.Status / 100 != 2) continue;
            foreach (var ts in r.Request.Timeseries)
            {
                foreach (var s in ts.Samples) result.Add((Labels.FromPairs(ts.Labels), s));
            }
        }
        return result;
    }

    public HttpClient Client() => new(this) { Timeout = Timeout.InfiniteTimeSpan };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int n = Interlocked.Increment(ref _requests) - 1;
        byte[] body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var response = _script(n) ?? new HttpResponseMessage(HttpStatusCode.NoContent);
        var headers = request.Headers.Concat(request.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Received.Enqueue(new ReceivedRequest(n, headers, body, WriteRequestDecoder.DecodeSnappy(body), (int)response.StatusCode));
        return response;
    }
}

internal sealed record ReceivedRequest(int Number, Dictionary<string, string> Headers, byte[] Body, WriteRequest Request, int Status);
