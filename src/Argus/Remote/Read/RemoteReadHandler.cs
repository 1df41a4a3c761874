using Argus.Model;
using Argus.Store;
using Argus.Remote.Protocol;
using Snappier;
using IQueryable = Argus.Store.IQueryable;

namespace Argus.Remote.Read;

/// <summary>
/// Answers remote read requests from the local store as Prometheus's storage/remote/read_handler.go does: each query's
/// matchers minus those an external label already satisfies select the series of [start, end]; every series gets the
/// external labels it lacks (its own labels win). The SAMPLES response (<see cref="ExecuteAsync"/>) is built whole, so a
/// query returning more than <see cref="RemoteReadOptions.SampleLimit"/> samples fails the request; the
/// STREAMED_XOR_CHUNKS response (<see cref="StreamChunksAsync"/>, RemoteReadHandler.Streamed.cs) is written frame by
/// frame and, as in Prometheus, ignores that limit. Requests beyond <see cref="RemoteReadOptions.ConcurrentLimit"/>, of
/// either type, wait for a slot. Thread-safe.
/// </summary>
public sealed partial class RemoteReadHandler
{
    private readonly Func<IQueryable> _store;
    private readonly Func<Labels> _externalLabels;
    private readonly RemoteReadOptions _options;
    private readonly SemaphoreSlim? _gate;
    private static readonly Matcher s_anyName = new(MatcherType.Regexp, Labels.MetricName, ".+");

    public RemoteReadHandler(Func<IQueryable> store, Func<Labels> externalLabels, RemoteReadOptions options)
    {
        _store = store;
        _externalLabels = externalLabels;
        _options = options;
        _gate = options.ConcurrentLimit > 0 ? new SemaphoreSlim(options.ConcurrentLimit, options.ConcurrentLimit) : null;
    }

    /// <summary>Decompresses and decodes a request body (snappy block format), throwing a 400 <see cref="RemoteReadException"/> if bad.</summary>
    public ReadRequest Decode(ReadOnlySpan<byte> snappyBody) =>
        ReadRequest.Parse(SnappyBlock.Decompress(snappyBody, _options.MaxRequestBytes,
            length => new RemoteReadException(400, $"remote read request of {length} bytes uncompressed exceeds the limit of {_options.MaxRequestBytes} bytes"),
            e => new RemoteReadException(400, $"cannot decompress remote read request (snappy block format expected): {e.Message}", e)));

    /// <summary>Executes a request and returns the snappy-compressed ReadResponse (the SAMPLES response type).</summary>
    public async Task<byte[]> ExecuteAsync(ReadRequest request, CancellationToken cancellationToken)
    {
        if (_gate is not null) await _gate.WaitAsync(cancellationToken);
        try
        {
            var external = _externalLabels();
            var store = _store();
            var results = new List<IReadOnlyList<ReadSeries>>(request.Queries.Count);
            for (int i = 0; i < request.Queries.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results.Add(Select(store, request.Queries[i], external, cancellationToken));
            }
            return Snappy.CompressToArray(ReadResponseEncoder.Encode(results));
        }
        finally
        {
            _gate?.Release();
        }
    }

    private List<ReadSeries> Select(IQueryable store, ReadQuery query, Labels external, CancellationToken cancellationToken)
    {
        var matchers = SelectMatchers(query, external);
        var result = new List<ReadSeries>();
        var buffer = new List<Sample>();
        long total = 0;
        int limit = _options.SampleLimit;
        using var querier = store.Querier(query.StartMs, query.EndMs);
        var set = querier.Select(true, matchers);
        ISampleIterator? it = null;
        while (set.Next())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var series = set.At;
            it = series.Iterator(it);
            buffer.Clear();
            while (it.Next()) buffer.Add(new Sample(it.T, it.V));
            if (buffer.Count == 0) continue;
            total += buffer.Count;
            if (limit > 0 && total > limit)
            {
                throw new RemoteReadException(400, $"exceeded sample limit ({limit})");
            }
            result.Add(new ReadSeries(MergeExternal(series.Labels, external), [.. buffer]));
        }
        return result;
    }

    /// <summary>The matchers a query selects with: its own minus those the external labels satisfy, never all empty-matching.</summary>
    private static Matcher[] SelectMatchers(ReadQuery query, Labels external)
    {
        var matchers = FilterExternalLabelMatchers(query.Matchers, external);
        if (Array.TrueForAll(matchers, static m => m.MatchesEmpty))
        {
            // Prometheus's TSDB answers selectors that match the empty label set with every series; the store's queriers
            // want one matcher that does not, and every stored series has a name.
            matchers = [.. matchers, s_anyName];
        }
        return matchers;
    }

    /// <summary>
    /// Drops equality matchers that an external label satisfies (prometheus:storage/remote/read_handler.go
    /// filterExtLabelsFromMatchers): the client may ask for <c>cluster="a"</c> that only the external labels carry.
    /// </summary>
    internal static Matcher[] FilterExternalLabelMatchers(IReadOnlyList<Matcher> matchers, Labels external)
    {
        var kept = new List<Matcher>(matchers.Count);
        foreach (var m in matchers)
        {
            if (m.Type == MatcherType.Equal && external.Has(m.Name) && external.Get(m.Name) == m.Value) continue;
            kept.Add(m);
        }
        return [.. kept];
    }

    /// <summary>The series' labels plus the external labels it lacks; on a name clash the series' own value wins.</summary>
    internal static Labels MergeExternal(Labels series, Labels external)
    {
        if (external.Count == 0) return series;
        var builder = new List<Label>(series.Count + external.Count);
        foreach (var l in external)
        {
            if (!series.Has(l.Name)) builder.Add(l);
        }
        if (builder.Count == 0) return series;
        foreach (var l in series) builder.Add(l);
        return Labels.FromPairs(builder);
    }
}
