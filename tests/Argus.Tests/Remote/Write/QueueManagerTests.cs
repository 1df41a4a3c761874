using System.Net;
using Argus.Config;
using Argus.Model;
using Argus.Remote.Write;
using Argus.Store.Wal;
using Argus.Telemetry;
using Argus.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Remote.Write;

public sealed class QueueManagerTests
{
    private static readonly Labels s_a = Labels.FromStrings("__name__", "up", "job", "a");
    private static readonly Labels s_b = Labels.FromStrings("__name__", "up", "job", "b");

    internal static RemoteWriteConfig Config(string extra = "", string queue = "")
    {
        string yaml = $"""
            remote_write:
              - url: http://receiver.test/api/v1/write
                name: test
            {Indent(extra, 4)}
                queue_config:
                  batch_send_deadline: 20ms
                  min_backoff: 1ms
                  max_backoff: 5ms
            {Indent(queue, 6)}
            """;
        var loaded = ConfigLoader.LoadString(yaml, "test.yml");
        Assert.True(loaded.Success, loaded.ErrorText);
        return loaded.Config!.RemoteWrite[0];
    }

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => new string(' ', spaces) + l));

    private static (QueueManager Queue, MetricsRegistry Registry) NewQueue(RemoteWriteConfig config, FakeRemoteWriteEndpoint endpoint,
        IReadOnlyList<Label>? external = null)
    {
        var registry = new MetricsRegistry();
        var q = config.QueueConfig;
        var metrics = new QueueMetrics(registry, config.Name!, config.Url, q.MinShards, q.MaxShards, q.Capacity);
        var client = new RemoteWriteClient(endpoint.Client(), new Uri(config.Url), config.RemoteTimeout, q.RetryOnHttp429, TimeProvider.System, config.Headers);
        var queue = new QueueManager(config, external ?? [], client, metrics, TimeProvider.System, NullLogger.Instance) { FlushDeadline = TimeSpan.FromSeconds(10) };
        queue.Start();
        queue.StoreSeries([new RefSeries(new SeriesRef(1), s_a), new RefSeries(new SeriesRef(2), s_b)], segment: 0);
        return (queue, registry);
    }

    private static RefSample[] Samples(int perSeries, long start = 1000)
    {
        var samples = new List<RefSample>();
        for (int i = 0; i < perSeries; i++)
        {
            samples.Add(new RefSample(new SeriesRef(1), start + i * 1000, i));
            samples.Add(new RefSample(new SeriesRef(2), start + i * 1000, -i));
        }
        return [.. samples];
    }

    private static async Task DrainAsync(QueueManager queue, FakeRemoteWriteEndpoint endpoint, int expectedAccepted)
    {
        await Poll.UntilAsync(() => Task.FromResult(endpoint.Accepted().Count >= expectedAccepted && queue.Metrics.Pending == 0),
            TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Send_ProtocolHeaders_AreSetAndUserHeadersCannotOverrideThem()
    {
        var endpoint = new FakeRemoteWriteEndpoint();
        var config = Config(extra: "headers:\n  X-Scope-OrgID: tenant-1");
        var (queue, _) = NewQueue(config with { Headers = new Dictionary<string, string> { ["X-Scope-OrgID"] = "tenant-1", ["Content-Type"] = "text/plain" } }, endpoint);
        await using (queue)
        {
            Assert.True(await queue.AppendAsync(Samples(1), 2, CancellationToken.None));
            await DrainAsync(queue, endpoint, 2);
        }
        var headers = endpoint.Received.First().Headers;
        Assert.Equal("snappy", headers["Content-Encoding"]);
        Assert.Equal("application/x-protobuf", headers["Content-Type"]);
        Assert.Equal("0.1.0", headers["X-Prometheus-Remote-Write-Version"]);
        Assert.StartsWith("Argus/", headers["User-Agent"]);
        Assert.Equal("tenant-1", headers["X-Scope-OrgID"]);
    }

    [Fact]
    public async Task Send_ServerErrorsThenSuccess_RetriesTheSameBytesAndCounts()
    {
        var endpoint = new FakeRemoteWriteEndpoint(n => n < 2 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : null);
        var (queue, _) = NewQueue(Config(), endpoint);
        await using (queue)
        {
            Assert.True(await queue.AppendAsync(Samples(3), 6, CancellationToken.None));
            await DrainAsync(queue, endpoint, 6);
            var requests = endpoint.Received.ToArray();
            Assert.Equal(3, requests.Length);
            Assert.Equal(requests[0].Body, requests[2].Body);
            Assert.Equal(12, queue.Metrics.SamplesRetried.Value);
            Assert.Equal(0, queue.Metrics.SamplesFailed.Value);
            Assert.Equal(18, queue.Metrics.SamplesTotal.Value);   // every attempt counts, as in Prometheus
            Assert.Equal(3000, queue.Metrics.HighestSentMs);
        }
    }

    [Fact]
    public async Task Send_TooManyRequestsWithRetryOn429_HonoursRetryAfter()
    {
        var endpoint = new FakeRemoteWriteEndpoint(n =>
        {
            if (n > 0) return null;
            var r = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
            return r;
        });
        var (queue, _) = NewQueue(Config(queue: "retry_on_http_429: true"), endpoint);
        await using (queue)
        {
            var started = DateTime.UtcNow;
            Assert.True(await queue.AppendAsync(Samples(1), 2, CancellationToken.None));
            await DrainAsync(queue, endpoint, 2);
            // max_backoff is 5ms: only Retry-After explains a second's wait.
            Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9));
            Assert.Equal(2, queue.Metrics.SamplesRetried.Value);
        }
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "")]
    [InlineData(HttpStatusCode.TooManyRequests, "")]   // retry_on_http_429 is off by default
    public async Task Send_ClientError_DropsTheBatchAndCountsItFailed(HttpStatusCode status, string queueConfig)
    {
        var endpoint = new FakeRemoteWriteEndpoint(n => n == 0 ? new HttpResponseMessage(status) : null);
        var (queue, _) = NewQueue(Config(queue: queueConfig), endpoint);
        await using (queue)
        {
            Assert.True(await queue.AppendAsync(Samples(1), 2, CancellationToken.None));
            await Poll.UntilAsync(() => Task.FromResult(queue.Metrics.Pending == 0), TimeSpan.FromSeconds(10));
            Assert.True(await queue.AppendAsync(Samples(1, start: 5000), 2, CancellationToken.None));
            await DrainAsync(queue, endpoint, 2);
        }
        Assert.Equal(2, endpoint.Requests);
        Assert.Equal(2, endpoint.Received.First().Request.Timeseries.Count);
        Assert.Equal([5000L, 5000L], endpoint.Accepted().Select(s => s.Sample.T));
    }

    [Fact]
    public async Task Append_ManyShardsAndReshards_KeepsEachSeriesInOrder()
    {
        var endpoint = new FakeRemoteWriteEndpoint();
        var (queue, _) = NewQueue(Config(queue: "min_shards: 4\nmax_shards: 8\nmax_samples_per_send: 7\ncapacity: 20"), endpoint);
        int total = 0;
        await using (queue)
        {
            for (int round = 0; round < 10; round++)
            {
                if (round == 5) queue.Metrics.DesiredShards = 2;   // as the resharding loop would decide
                var batch = Samples(20, start: 1000 + round * 20_000);
                Assert.True(await queue.AppendAsync(batch, batch.Length, CancellationToken.None));
                total += batch.Length;
            }
            Assert.Equal(2, queue.Metrics.Shards);
            await DrainAsync(queue, endpoint, total);
        }
        var accepted = endpoint.Accepted();
        Assert.Equal(total, accepted.Count);
        foreach (var series in accepted.GroupBy(s => s.Labels))
        {
            var times = series.Select(s => s.Sample.T).ToList();
            Assert.Equal(times.Order(), times);
            Assert.Equal(times.Distinct().Count(), times.Count);
        }
    }

    [Fact]
    public async Task StoreSeries_WriteRelabelAndExternalLabels_AppliedOncePerSeries()
    {
        var endpoint = new FakeRemoteWriteEndpoint();
        var config = Config(extra: "write_relabel_configs:\n  - source_labels: [job]\n    regex: b\n    action: drop");
        var (queue, registry) = NewQueue(config, endpoint, external: [new Label("cluster", "c1"), new Label("job", "ignored")]);
        await using (queue)
        {
            Assert.True(await queue.AppendAsync([new RefSample(new SeriesRef(1), 10, 1), new RefSample(new SeriesRef(2), 10, 2),
                new RefSample(new SeriesRef(99), 10, 3)], 3, CancellationToken.None));
            await DrainAsync(queue, endpoint, 1);
            Assert.Equal(1, queue.Metrics.SamplesDropped.Value);   // ref 99: no series record
        }
        var (labels, _) = Assert.Single(endpoint.Accepted());
        Assert.Equal(Labels.FromStrings("__name__", "up", "cluster", "c1", "job", "a"), labels);
    }

    [Fact]
    public async Task SeriesReset_ForgetsSeriesOfOlderSegments()
    {
        var endpoint = new FakeRemoteWriteEndpoint();
        var (queue, _) = NewQueue(Config(), endpoint);
        await using (queue)
        {
            queue.StoreSeries([new RefSeries(new SeriesRef(2), s_b)], segment: 5);
            queue.SeriesReset(3);
            Assert.Equal(1, queue.SeriesCount);
        }
    }

    [Fact]
    public async Task Metrics_QueueGauges_AreCollectedWithRemoteNameAndUrl()
    {
        var endpoint = new FakeRemoteWriteEndpoint();
        var registry = new MetricsRegistry();
        await using var storage = new RemoteWriteStorage(Path.Combine(Path.GetTempPath(), "argus-rw-none-" + Guid.NewGuid()), registry,
            TimeProvider.System, NullLoggerFactory.Instance, (_, _) => endpoint.Client());
        var loaded = ConfigLoader.LoadString("remote_write:\n  - url: http://receiver.test/write\n    name: lts\n", "t.yml");
        await storage.ApplyConfigAsync(loaded.Config!, ".");
        var families = new List<MetricFamily>();
        registry.Collect(families);
        var shards = Assert.Single(families, f => f.Name == "prometheus_remote_storage_shards");
        var point = Assert.Single(shards.Points);
        Assert.Equal("lts", point.Labels.Get("remote_name"));
        Assert.Equal("http://receiver.test/write", point.Labels.Get("url"));
        Assert.Equal(1, point.Value);
        Assert.Contains(families, f => f.Name == "prometheus_remote_storage_samples_total");
        Assert.Contains(families, f => f.Name == "prometheus_remote_storage_highest_timestamp_in_seconds");
    }

    [Fact]
    public async Task MetadataSource_SentEverySendIntervalInSeparateRequests()
    {
        var endpoint = new FakeRemoteWriteEndpoint();
        var config = Config(extra: "metadata_config:\n  send_interval: 50ms\n  max_samples_per_send: 2");
        var q = config.QueueConfig;
        var metrics = new QueueMetrics(new MetricsRegistry(), "test", config.Url, q.MinShards, q.MaxShards, q.Capacity);
        var client = new RemoteWriteClient(endpoint.Client(), new Uri(config.Url), config.RemoteTimeout, false, TimeProvider.System);
        Argus.Remote.Protocol.MetricMetadata[] metadata =
        [
            new(Argus.Remote.Protocol.MetricMetadataType.Counter, "a_total", "A.", ""),
            new(Argus.Remote.Protocol.MetricMetadataType.Gauge, "b_bytes", "B.", "bytes"),
            new(Argus.Remote.Protocol.MetricMetadataType.Histogram, "c_seconds", "C.", "seconds"),
        ];
        await using (var queue = new QueueManager(config, [], client, metrics, TimeProvider.System, NullLogger.Instance) { MetadataSource = () => metadata })
        {
            queue.Start();
            await Poll.UntilAsync(() => Task.FromResult(metrics.MetadataTotal.Value >= 3), TimeSpan.FromSeconds(10));
        }
        var requests = endpoint.Received.Take(2).ToArray();
        Assert.All(requests, r => Assert.Empty(r.Request.Timeseries));
        Assert.Equal(metadata, requests.SelectMany(r => r.Request.Metadata));
    }
}
