using Argus.Model;
using Argus.Remote.Protocol;
using Argus.Remote.Write;
using Argus.Store;
using Argus.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Remote.Write;

public sealed class RemoteWriteReceiverTests
{
    /// <summary>A store that rejects samples not newer than the series' last, as the head does.</summary>
    private sealed class FakeStore : IAppendable, IAppender
    {
        public readonly Dictionary<Labels, List<Sample>> Committed = [];
        private readonly List<(Labels, Sample)> _batch = [];

        public IAppender Appender()
        {
            _batch.Clear();
            return this;
        }

        public AppendOutcome Append(ref SeriesRef series, Labels? labels, long t, double v)
        {
            if (Committed.TryGetValue(labels!, out var list) && list.Count > 0)
            {
                if (t < list[^1].T) return AppendOutcome.OutOfOrder;
                if (t == list[^1].T) return BitConverter.DoubleToUInt64Bits(v) == BitConverter.DoubleToUInt64Bits(list[^1].V) ? AppendOutcome.Repeat : AppendOutcome.Duplicate;
            }
            _batch.Add((labels!, new Sample(t, v)));
            return AppendOutcome.Ok;
        }

        public void Commit()
        {
            foreach (var (l, s) in _batch)
            {
                if (!Committed.TryGetValue(l, out var list)) Committed[l] = list = [];
                list.Add(s);
            }
        }

        public void Rollback() => _batch.Clear();
    }

    private readonly FakeStore _store = new();
    private readonly RemoteWriteReceiver _receiver;

    public RemoteWriteReceiverTests() => _receiver = new RemoteWriteReceiver(_store, new MetricsRegistry(), NullLogger.Instance, maxBodyBytes: 4096);

    private async Task<(int Status, string Body)> PostAsync(byte[] body, string? contentType = "application/x-protobuf", string? encoding = "snappy")
    {
        var ctx = new DefaultHttpContext();
        ctx.Request.Method = "POST";
        ctx.Request.Body = new MemoryStream(body);
        ctx.Request.ContentLength = body.Length;
        if (contentType is not null) ctx.Request.ContentType = contentType;
        if (encoding is not null) ctx.Request.Headers.ContentEncoding = encoding;
        var response = new MemoryStream();
        ctx.Response.Body = response;
        await _receiver.HandleAsync(ctx);
        return (ctx.Response.StatusCode, System.Text.Encoding.UTF8.GetString(response.ToArray()).Trim());
    }

    private static byte[] Body(params TimeSeries[] series) => new WriteRequestEncoder().Encode(new WriteRequest(series, [])).ToArray();

    private static TimeSeries Series(string job, params (long T, double V)[] samples) => new(
        [new Label("__name__", "up"), new Label("job", job)], samples.Select(s => new Sample(s.T, s.V)).ToList(), [], 0);

    [Fact]
    public async Task Post_ValidRequest_204AndAppended()
    {
        var (status, body) = await PostAsync(Body(Series("a", (1000, 1), (2000, StaleNaN.Value)), Series("b", (1000, 0))));
        Assert.Equal(204, status);
        Assert.Equal("", body);
        var a = _store.Committed[Labels.FromStrings("__name__", "up", "job", "a")];
        Assert.Equal(2, a.Count);
        Assert.True(StaleNaN.IsStale(a[1].V));
    }

    [Fact]
    public async Task Post_PrometheusCapture_204AndEverySampleAppended()
    {
        byte[] body = File.ReadAllBytes(Argus.Tests.Remote.Protocol.WriteRequestCodecTests.Fixture("remote-write-with-stale-markers.snappy"));
        var expected = WriteRequestDecoder.DecodeSnappy(body).Timeseries.Sum(t => t.Samples.Count);
        var receiver = new RemoteWriteReceiver(_store, new MetricsRegistry(), NullLogger.Instance);
        var ctx = new DefaultHttpContext();
        ctx.Request.Body = new MemoryStream(body);
        ctx.Request.ContentType = "application/x-protobuf";
        await receiver.HandleAsync(ctx);
        Assert.Equal(204, ctx.Response.StatusCode);
        Assert.Equal(expected, _store.Committed.Values.Sum(l => l.Count));
    }

    [Fact]
    public async Task Post_OutOfOrderSample_400WithCountsAndValidRestCommitted()
    {
        await PostAsync(Body(Series("a", (2000, 1))));
        var (status, body) = await PostAsync(Body(Series("a", (1000, 1)), Series("b", (1000, 5))));
        Assert.Equal(400, status);
        Assert.Contains("out of order sample: 1 sample", body);
        Assert.Contains("1 samples appended", body);
        Assert.Single(_store.Committed[Labels.FromStrings("__name__", "up", "job", "b")]);
    }

    [Fact]
    public async Task Post_DuplicateLabelName_400NotAppended()
    {
        var series = new TimeSeries([new Label("__name__", "up"), new Label("a", "1"), new Label("a", "2")], [new Sample(1, 1)], [], 0);
        var (status, body) = await PostAsync(Body(series));
        Assert.Equal(400, status);
        Assert.Contains("label name \"a\" is not unique", body);
        Assert.Empty(_store.Committed);
    }

    [Fact]
    public async Task Post_UnsortedLabels_SortedAndAppended()
    {
        var series = new TimeSeries([new Label("job", "x"), new Label("__name__", "up")], [new Sample(1, 1)], [], 0);
        Assert.Equal(204, (await PostAsync(Body(series))).Status);
        Assert.True(_store.Committed.ContainsKey(Labels.FromStrings("__name__", "up", "job", "x")));
    }

    [Theory]
    [InlineData("application/x-protobuf;proto=io.prometheus.write.v2.Request", "snappy", 415)]
    [InlineData("application/json", "snappy", 415)]
    [InlineData("application/x-protobuf", "gzip", 415)]
    [InlineData("application/x-protobuf;proto=prometheus.WriteRequest", "snappy", 204)]
    [InlineData(null, null, 204)]   // Prometheus 2.42 checks neither header; a missing one is accepted
    public async Task Post_ContentTypeAndEncoding_Checked(string? contentType, string? encoding, int expected)
    {
        Assert.Equal(expected, (await PostAsync(Body(Series("a", (1, 1))), contentType, encoding)).Status);
    }

    [Fact]
    public async Task Post_NotSnappy_400()
    {
        var (status, body) = await PostAsync("hello"u8.ToArray());
        Assert.Equal(400, status);
        Assert.StartsWith("snappy: ", body);
    }

    [Fact]
    public async Task Post_BodyOverLimit_413()
    {
        var many = Enumerable.Range(0, 400).Select(i => Series("job" + i + new string('x', 30), (i, i))).ToArray();
        byte[] body = Body(many);
        Assert.True(body.Length > 4096);
        Assert.Equal(413, (await PostAsync(body)).Status);
    }

    [Fact]
    public async Task Post_MetadataOnly_204()
    {
        byte[] body = new WriteRequestEncoder().EncodeMetadata([new MetricMetadata(MetricMetadataType.Counter, "x_total", "X.", "")]).ToArray();
        Assert.Equal(204, (await PostAsync(body)).Status);
    }
}
