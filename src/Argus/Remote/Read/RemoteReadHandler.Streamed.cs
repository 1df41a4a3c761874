using Argus.Store;

namespace Argus.Remote.Read;

public sealed partial class RemoteReadHandler
{
    /// <summary>The Content-Type of a STREAMED_XOR_CHUNKS answer, as Prometheus sends it (no Content-Encoding: frames are not compressed).</summary>
    public const string StreamedContentType = "application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse";

    /// <summary>
    /// The response type to answer with: the first one in the client's list that Argus supports, SAMPLES for an empty list
    /// (Prometheus's NegotiateResponseType). A list of only unknown types is a 400 <see cref="RemoteReadException"/>.
    /// </summary>
    public static ReadResponseType NegotiateResponseType(IReadOnlyList<ReadResponseType> accepted)
    {
        if (accepted.Count == 0) return ReadResponseType.Samples;
        foreach (var type in accepted)
        {
            if (type is ReadResponseType.Samples or ReadResponseType.StreamedXorChunks) return type;
        }
        throw new RemoteReadException(400,
            $"server does not support any of the requested response types: [{string.Join(' ', accepted.Select(Name))}]; supported: map[SAMPLES:{{}} STREAMED_XOR_CHUNKS:{{}}]");
    }

    private static string Name(ReadResponseType type) => type switch
    {
        ReadResponseType.Samples => "SAMPLES",
        ReadResponseType.StreamedXorChunks => "STREAMED_XOR_CHUNKS",
        _ => ((int)type).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Executes a request as a STREAMED_XOR_CHUNKS response: for each query in order, its series sorted by labels, each cut
    /// into frames of at most <see cref="RemoteReadOptions.MaxBytesInFrame"/> (see <see cref="ChunkedSeriesEncoder"/>)
    /// written to <paramref name="output"/> as they are encoded, never the whole answer at once. Frames are handed to the
    /// stream in batches of <see cref="ChunkedWriter.FlushBytes"/>, so an error before the first batch leaves
    /// <paramref name="output"/> untouched; after it, the caller must abort the response, as the client cannot tell a
    /// truncated stream from a complete one otherwise. Store failures surface as <see cref="IOException"/> or
    /// <see cref="InvalidDataException"/>; the sample limit does not apply (as in Prometheus: nothing is buffered).
    /// </summary>
    public async Task StreamChunksAsync(ReadRequest request, Stream output, CancellationToken cancellationToken)
    {
        if (_gate is not null) await _gate.WaitAsync(cancellationToken);
        try
        {
            var external = _externalLabels();
            var store = _store();
            var writer = new ChunkedWriter(output);
            var encoder = new ChunkedSeriesEncoder(_options.MaxBytesInFrame);
            ISampleIterator? it = null;
            for (int i = 0; i < request.Queries.Count; i++)
            {
                var query = request.Queries[i];
                var matchers = SelectMatchers(query, external);
                using var querier = store.Querier(query.StartMs, query.EndMs);
                // Sorted: a streamed answer must list series in label order (Prometheus's chunk querier is asked for it too).
                var set = querier.Select(true, matchers);
                while (set.Next())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var series = set.At;
                    it = series.Iterator(it);
                    encoder.Reset(i, MergeExternal(series.Labels, external), it);
                    while (encoder.TryWriteFrame(writer))
                    {
                        if (writer.BatchFull) await writer.FlushAsync(cancellationToken);
                    }
                }
            }
            await writer.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate?.Release();
        }
    }
}
