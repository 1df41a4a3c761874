using Argus.Model;
using Argus.Remote.Read;
using Argus.Store.Head;
using Argus.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Snappier;

namespace Argus.Tests.Remote.Read;

public sealed class RemoteReadHandlerTests : IDisposable
{
    private readonly Head _head = new(new HeadOptions(), null, new MetricsRegistry(), NullLogger.Instance);

    public RemoteReadHandlerTests()
    {
        var app = _head.Appender();
        ReadTestSeries.AppendTo(app);
        app.Commit();
    }

    public void Dispose() => _head.Dispose();

    private RemoteReadHandler Handler(Labels? external = null, int sampleLimit = 1000) =>
        new(() => _head, () => external ?? Labels.Empty, new RemoteReadOptions { SampleLimit = sampleLimit });

    private async Task<List<List<(Labels Labels, List<Sample> Samples)>>> ReadAsync(RemoteReadHandler handler, params ReadWire.Query[] queries)
    {
        byte[] body = Snappy.CompressToArray(ReadWire.EncodeRequest(queries));
        byte[] response = await handler.ExecuteAsync(handler.Decode(body), CancellationToken.None);
        return ReadWire.DecodeResponse(Snappy.DecompressToArray(response));
    }

    [Fact]
    public async Task Execute_RangeAndMatchers_RawSamplesInRangeIncludingStaleMarkers()
    {
        var results = await ReadAsync(Handler(),
            new ReadWire.Query(2000, 5000, [(0, "__name__", "up"), (2, "instance", "a|b")]),
            new ReadWire.Query(0, 100_000, [(0, "job", "api"), (1, "__name__", "up")]));

        Assert.Equal(2, results.Count);
        Assert.Equal(["a", "b"], results[0].Select(s => s.Labels.Get("instance")));
        Assert.Equal([2000L, 3000, 4000, 5000], results[0][0].Samples.Select(s => s.T));
        Assert.Equal([2.0, 3, 4, 5], results[0][0].Samples.Select(s => s.V));
        var other = Assert.Single(results[1]);
        Assert.Equal("other", other.Labels.MetricNameValue);
        Assert.Equal(3, other.Samples.Count);

        var withStale = await ReadAsync(Handler(), new ReadWire.Query(9000, 10_000, [(0, "instance", "b")]));
        Assert.True(StaleNaN.IsStale(Assert.Single(withStale[0]).Samples[^1].V));
    }

    [Fact]
    public async Task Execute_ExternalLabels_AddedUnlessPresentAndTheirEqualityMatchersDropped()
    {
        var external = Labels.FromStrings("cluster", "eu", "replica", "1");
        var results = await ReadAsync(Handler(external),
            new ReadWire.Query(0, 100_000, [(0, "__name__", "up"), (0, "cluster", "eu")]));

        // cluster="eu" is satisfied by the external label and dropped, so the db series (cluster="own") is selected too.
        Assert.Equal(3, results[0].Count);
        Assert.All(results[0], s => Assert.Equal("1", s.Labels.Get("replica")));
        Assert.Equal(["eu", "eu", "own"], results[0].Select(s => s.Labels.Get("cluster")).Order());
    }

    [Fact]
    public async Task Execute_OverSampleLimit_BadRequestWithPrometheusText()
    {
        var e = await Assert.ThrowsAsync<RemoteReadException>(() => ReadAsync(Handler(sampleLimit: 15),
            new ReadWire.Query(0, 100_000, [(0, "__name__", "up")])));
        Assert.Equal(400, e.StatusCode);
        Assert.Equal("exceeded sample limit (15)", e.Message);
    }

    [Fact]
    public async Task Execute_OnlyEmptyMatchingMatchers_SelectsEveryNamedSeries()
    {
        var results = await ReadAsync(Handler(), new ReadWire.Query(0, 100_000, [(2, "job", ".*")]));
        Assert.Equal(4, results[0].Count);
    }

    [Fact]
    public void Decode_NotSnappy_BadRequest()
    {
        var e = Assert.Throws<RemoteReadException>(() => Handler().Decode([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
        Assert.Equal(400, e.StatusCode);
        Assert.Contains("snappy", e.Message);
    }

    // Regression (remote-read fuzz target): a declared length beyond int.MaxValue threw OverflowException, a 500.
    [Fact]
    public void Decode_DeclaredLengthBeyondInt_BadRequestOverTheLimit()
    {
        var e = Assert.Throws<RemoteReadException>(() => Handler().Decode([0xff, 0xff, 0xff, 0xff, 0x0f, 0x00]));
        Assert.Equal(400, e.StatusCode);
        Assert.Equal("remote read request of 4294967295 bytes uncompressed exceeds the limit of 33554432 bytes", e.Message);
    }
}
