using System.Net.Http.Headers;
using Argus.Model;
using Argus.Remote.Read;
using Argus.Store.Head;
using Argus.Telemetry;
using Argus.Tests.Serve;
using Argus.Tests.Store.Blocks;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Snappier;

namespace Argus.Tests.Remote.Read;

/// <summary>
/// STREAMED_XOR_CHUNKS remote read, checked with a hand-written client (<see cref="ChunkedWire"/>): Debian's Prometheus
/// 2.42 cannot be the client here, because its remote_read client sends no accepted_response_types and so always gets
/// SAMPLES (prometheus:storage/remote/client.go Read); PrometheusReadsArgusTests covers that path.
/// </summary>
public sealed class StreamedReadTests : IDisposable
{
    private static readonly Labels s_long = Labels.FromStrings("__name__", "long", "job", "api");
    private readonly Head _head = new(new HeadOptions(), null, new MetricsRegistry(), NullLogger.Instance);

    public StreamedReadTests()
    {
        var app = _head.Appender();
        ReadTestSeries.AppendTo(app);
        var l = SeriesRef.None;
        for (int i = 0; i < 1000; i++) app.Append(ref l, s_long, 1_000_000 + i * 15_000L + (i % 7), Math.Sin(i) * 1e3);
        app.Commit();
    }

    public void Dispose() => _head.Dispose();

    private RemoteReadHandler Handler(Labels? external = null, int maxBytesInFrame = 1_048_576, int concurrent = 10, int sampleLimit = 5) =>
        new(() => _head, () => external ?? Labels.Empty,
            new RemoteReadOptions { SampleLimit = sampleLimit, MaxBytesInFrame = maxBytesInFrame, ConcurrentLimit = concurrent });

    private static async Task<List<ChunkedWire.Frame>> StreamAsync(RemoteReadHandler handler, params ReadWire.Query[] queries)
    {
        var request = handler.Decode(Snappy.CompressToArray(ReadWire.EncodeRequest(queries, 1)));
        using var output = new MemoryStream();
        await handler.StreamChunksAsync(request, output, CancellationToken.None);
        return ChunkedWire.Decode(output.ToArray());
    }

    private static async Task<List<List<(Labels Labels, List<Sample> Samples)>>> SamplesAsync(RemoteReadHandler handler, params ReadWire.Query[] queries)
    {
        var request = handler.Decode(Snappy.CompressToArray(ReadWire.EncodeRequest(queries)));
        return ReadWire.DecodeResponse(Snappy.DecompressToArray(await handler.ExecuteAsync(request, CancellationToken.None)));
    }

    [Fact]
    public async Task StreamChunks_ManyQueries_SameSeriesAndSampleBitsAsSamplesMode()
    {
        var external = Labels.FromStrings("cluster", "eu", "replica", "1");
        ReadWire.Query[] queries =
        [
            new(2000, 5000, [(0, "__name__", "up"), (2, "instance", "a|b")]),
            new(0, 100_000, [(0, "job", "api"), (1, "__name__", "up")]),
            new(9000, 10_000, [(0, "instance", "b"), (0, "cluster", "eu")]),
            new(0, 100_000_000, [(0, "__name__", "long")]),
            new(0, 100_000, [(0, "__name__", "absent")]),
        ];
        var expected = await SamplesAsync(Handler(external, sampleLimit: 0), queries);

        var frames = await StreamAsync(Handler(external), queries);

        Assert.All(frames, f => Assert.All(f.Chunks, c => Assert.Equal(ChunkedSeriesEncoder.XorEncoding, c.Type)));
        Assert.Equal(frames.Select(f => f.QueryIndex).Order(), frames.Select(f => f.QueryIndex)); // query after query
        var actual = ChunkedWire.Series(frames, queries.Length);
        Assert.Equal(expected.Count, actual.Count);
        for (int q = 0; q < expected.Count; q++)
        {
            Assert.Equal(expected[q].Select(s => s.Labels), actual[q].Select(s => s.Labels));
            for (int s = 0; s < expected[q].Count; s++)
            {
                Assert.Equal(expected[q][s].Samples.Select(x => (x.T, BitConverter.DoubleToUInt64Bits(x.V))),
                    actual[q][s].Samples.Select(x => (x.T, BitConverter.DoubleToUInt64Bits(x.V))));
            }
        }
        Assert.True(StaleNaN.IsStale(Assert.Single(actual[2]).Samples[^1].V));
        Assert.Equal("1", actual[2][0].Labels.Get("replica"));
        Assert.Empty(actual[4]);
        Assert.Equal(1000, Assert.Single(actual[3]).Samples.Count);
    }

    [Fact]
    public async Task StreamChunks_SampleLimit_IgnoredAsInPrometheus()
    {
        // Handler() allows 5 samples per query; SAMPLES mode fails, the streamed answer does not buffer and has no limit.
        var query = new ReadWire.Query(0, 100_000_000, [(0, "__name__", "long")]);
        var e = await Assert.ThrowsAsync<RemoteReadException>(() => SamplesAsync(Handler(), query));
        Assert.Equal("exceeded sample limit (5)", e.Message);
        var frames = await StreamAsync(Handler(), query);
        Assert.Equal(1000, frames.Sum(f => f.Chunks.Sum(c => c.Samples().Count)));
    }

    [Fact]
    public async Task StreamChunks_RangeInsideStoredChunks_ChunksCoverExactlyTheRange()
    {
        long start = 1_000_000 + 130 * 15_000L + 5, end = 1_000_000 + 500 * 15_000L - 1;
        var frames = await StreamAsync(Handler(), new ReadWire.Query(start, end, [(0, "__name__", "long")]));

        var chunks = frames.SelectMany(f => f.Chunks).ToList();
        var samples = chunks.SelectMany(c => c.Samples()).ToList();
        Assert.Equal(Enumerable.Range(131, 369).Select(i => 1_000_000 + i * 15_000L + (i % 7)), samples.Select(s => s.T));
        Assert.Equal(samples[0].T, chunks[0].MinTimeMs);
        Assert.Equal(samples[^1].T, chunks[^1].MaxTimeMs);
        foreach (var c in chunks)
        {
            var own = c.Samples();
            Assert.InRange(own.Count, 1, 120);
            Assert.Equal((own[0].T, own[^1].T), (c.MinTimeMs, c.MaxTimeMs));
        }
        Assert.Equal([120, 120, 120, 9], chunks.Select(c => c.Samples().Count));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(300)]
    [InlineData(1000)]
    public async Task StreamChunks_FrameLimit_SeriesSplitAsPrometheusCutsFrames(int maxBytesInFrame)
    {
        var frames = await StreamAsync(Handler(maxBytesInFrame: maxBytesInFrame), new ReadWire.Query(0, 100_000_000, [(2, "__name__", "long|up")]));

        foreach (var group in frames.GroupBy(f => f.Labels))
        {
            var list = group.ToList();
            for (int i = 0; i < list.Count; i++)
            {
                var f = list[i];
                Assert.NotEmpty(f.Chunks);
                int budget = maxBytesInFrame - f.LabelBytes;
                // The budget is spent by chunk message sizes; a frame is cut as soon as it is used up ...
                Assert.True(f.Chunks.SkipLast(1).Sum(c => c.MessageBytes) < Math.Max(budget, 1), $"frame {i} of {group.Key} kept adding chunks past its budget");
                // ... and only then, unless the series ends.
                if (i < list.Count - 1) Assert.True(f.Chunks.Sum(c => c.MessageBytes) >= budget, $"frame {i} of {group.Key} was cut early");
                // So a frame exceeds the limit by at most one chunk and the framing bytes.
                // (Each field adds a tag and a length of at most 2 bytes; the series field and query index at most 17.)
                Assert.True(f.MessageBytes <= Math.Max(maxBytesInFrame, f.LabelBytes) + f.Chunks[^1].MessageBytes + 3 * (f.Labels.Count + f.Chunks.Count) + 17,
                    $"frame {i} of {group.Key}: {f.MessageBytes} bytes");
            }
        }
        var longFrames = frames.Where(f => f.Labels.Equals(s_long)).ToList();
        if (maxBytesInFrame == 1) Assert.Equal(9, longFrames.Count); // one chunk per frame: 8 × 120 samples + 40
        if (maxBytesInFrame < 1000) Assert.True(longFrames.Count > 1);
        Assert.Equal(1000, longFrames.Sum(f => f.Chunks.Sum(c => c.Samples().Count)));
    }

    [Theory]
    [InlineData(new int[0], ReadResponseType.Samples)]
    [InlineData(new[] { 0, 1 }, ReadResponseType.Samples)]
    [InlineData(new[] { 1, 0 }, ReadResponseType.StreamedXorChunks)]
    [InlineData(new[] { 7, 1 }, ReadResponseType.StreamedXorChunks)]
    public void NegotiateResponseType_FirstSupportedOrSamples(int[] accepted, ReadResponseType expected) =>
        Assert.Equal(expected, RemoteReadHandler.NegotiateResponseType([.. accepted.Select(a => (ReadResponseType)a)]));

    [Fact]
    public void NegotiateResponseType_NoneSupported_BadRequestAsPrometheus()
    {
        var e = Assert.Throws<RemoteReadException>(() => RemoteReadHandler.NegotiateResponseType([(ReadResponseType)7, (ReadResponseType)3]));
        Assert.Equal(400, e.StatusCode);
        Assert.StartsWith("server does not support any of the requested response types: [7 3]; supported:", e.Message);
    }

    [Fact]
    public async Task StreamChunks_ConcurrentLimit_SlotHeldUntilTheStreamIsWritten()
    {
        var handler = Handler(concurrent: 1);
        var request = handler.Decode(Snappy.CompressToArray(ReadWire.EncodeRequest([new(0, 100_000, [(0, "__name__", "up")])], 1)));
        var output = new BlockingStream();
        var first = handler.StreamChunksAsync(request, output, CancellationToken.None);
        Assert.False(first.IsCompleted); // waiting for the client to take its frames

        var second = handler.ExecuteAsync(handler.Decode(Snappy.CompressToArray(ReadWire.EncodeRequest([new(0, 1, [(0, "__name__", "up")])]))), CancellationToken.None);
        Assert.False(second.IsCompleted);

        output.Release.SetResult();
        await first;
        await second;
        Assert.Equal(3, ChunkedWire.Decode(output.Written.ToArray()).Count);
    }

    [Fact]
    public async Task Http_AcceptsStreamedChunks_FramedAnswerWithPrometheusHeaders()
    {
        const int seriesCount = 400;
        await using var server = await ApiTestServer.StartAsync(app =>
        {
            for (int s = 0; s < seriesCount; s++)
            {
                var r = SeriesRef.None;
                var labels = Labels.FromStrings("__name__", "m", "i", s.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
                for (int i = 0; i < 150; i++) app.Append(ref r, labels, i * 10_000L, s * i);
            }
        });

        // More than one 64 KiB batch, so the answer reaches the client in several writes.
        var body = new ByteArrayContent(Snappy.CompressToArray(ReadWire.EncodeRequest([new(0, 10_000_000, [(0, "__name__", "m")])], 1, 0)));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        body.Headers.ContentEncoding.Add("snappy");
        using var response = await server.Http.PostAsync("/api/v1/read", body);
        byte[] bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(RemoteReadHandler.StreamedContentType, response.Content.Headers.ContentType!.ToString());
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.True(bytes.Length > ChunkedWriter.FlushBytes, $"{bytes.Length} bytes");
        var series = Assert.Single(ChunkedWire.Series(ChunkedWire.Decode(bytes), 1));
        Assert.Equal(seriesCount, series.Count);
        Assert.All(series, s => Assert.Equal(150, s.Samples.Count));
        Assert.Equal(Enumerable.Range(0, 150).Select(i => 7.0 * i), series[7].Samples.Select(s => s.V));

        // Samples first in the list: the snappy ReadResponse, as before.
        var samples = new ByteArrayContent(Snappy.CompressToArray(ReadWire.EncodeRequest([new(0, 10_000_000, [(0, "i", "0007")])], 0, 1)));
        using var plain = await server.Http.PostAsync("/api/v1/read", samples);
        Assert.Equal("application/x-protobuf", plain.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["snappy"], plain.Content.Headers.ContentEncoding);
        var decoded = ReadWire.DecodeResponse(Snappy.DecompressToArray(await plain.Content.ReadAsByteArrayAsync()));
        Assert.Equal(150, Assert.Single(Assert.Single(decoded)).Samples.Count);

        // Only unknown types: 400 with Prometheus's text.
        using var bad = await server.Http.PostAsync("/api/v1/read", new ByteArrayContent(Snappy.CompressToArray(ReadWire.EncodeRequest([new(0, 1, [(0, "i", "1")])], 5))));
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.StartsWith("server does not support any of the requested response types: [5]", await bad.Content.ReadAsStringAsync());
    }

    private static readonly Gen<double> s_values = Gen.Frequency(
        (4, Gen.Double),
        (1, Gen.Int[0, 5].Select(i => new[] { 0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, StaleNaN.Value }[i])));

    [Fact]
    public void Encoder_ThenClientDecode_SameSampleBits()
    {
        // Increasing timestamps from arbitrary deltas: 0-width to huge gaps, negative and zero times included.
        var genSamples = Gen.Select(Gen.Long[-1_000_000_000_000, 1_000_000_000_000],
            Gen.Select(Gen.Frequency((4, Gen.Long[1, 100_000]), (1, Gen.Long[1, 1L << 40])), s_values).Array[1, 400],
            (start, steps) =>
            {
                long t = start;
                return steps.Select(s => new Sample(t += s.Item1, s.Item2)).ToArray();
            });
        Gen.Select(genSamples, Gen.Int[1, 5000], Gen.Long[0, 3]).Sample((samples, maxBytes, queryIndex) =>
        {
            var labels = Labels.FromStrings("__name__", "m", "ü", "\"\n");
            var encoder = new ChunkedSeriesEncoder(maxBytes);
            using var output = new MemoryStream();
            var writer = new ChunkedWriter(output);
            encoder.Reset(queryIndex, labels, new MemoryQuerier.ArrayIterator(samples));
            while (encoder.TryWriteFrame(writer)) { }
            writer.FlushAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

            var frames = ChunkedWire.Decode(output.ToArray());
            Assert.All(frames, f => Assert.Equal((queryIndex, labels), (f.QueryIndex, f.Labels)));
            Assert.Equal(samples.Select(s => (s.T, BitConverter.DoubleToUInt64Bits(s.V))),
                frames.SelectMany(f => f.Chunks).SelectMany(c => c.Samples()).Select(s => (s.T, BitConverter.DoubleToUInt64Bits(s.V))));
            Assert.Equal(samples.Length, encoder.Samples);
        });
    }

    /// <summary>A response body whose client does not read until released: writes wait, then are kept.</summary>
    private sealed class BlockingStream : Stream
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public MemoryStream Written { get; } = new();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Release.Task;
            Written.Write(buffer.Span);
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written.Length;
        public override long Position { get => Written.Position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
