using System.Diagnostics;
using Argus.Remote.Protocol;
using Microsoft.Extensions.Logging;

namespace Argus.Remote.Write;

/// <summary>
/// One ordered lane of a queue: a <see cref="ShardQueue"/> (batches of max_samples_per_send, capacity from queue_config)
/// and a loop that sends each full batch as it is handed on, or the partial batch once batch_send_deadline passed without
/// a full one (the timer restarts after every send, as Prometheus's runShard resets it). A batch is encoded into a buffer
/// the shard reuses and sent, the same bytes retried until success, a non-retryable answer, or the stop token. Series are
/// hashed to shards, so each series' samples leave in order. <see cref="Complete"/> lets the loop drain and end.
/// </summary>
internal sealed partial class Shard
{
    private readonly ShardQueue _queue;
    private readonly RemoteWriteClient _client;
    private readonly QueueMetrics _metrics;
    private readonly QueueSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ShardStats _stats;
    private readonly WriteRequestEncoder _encoder = new();
    private Task _run = Task.CompletedTask;

    public Shard(RemoteWriteClient client, QueueMetrics metrics, QueueSettings settings, ShardStats stats, TimeProvider time, ILogger logger)
    {
        _client = client;
        _metrics = metrics;
        _settings = settings;
        _stats = stats;
        _time = time;
        _logger = logger;
        _queue = new ShardQueue(settings.MaxSamplesPerSend, settings.Capacity);
    }

    public void Start(CancellationToken stop) => _run = Task.Run(() => RunAsync(stop), CancellationToken.None);

    /// <summary>Queues a sample; false when the shard is full (the caller waits with <see cref="WaitToEnqueueAsync"/>).</summary>
    public bool TryEnqueue(in SeriesSample sample) => _queue.TryAppend(sample);

    public ValueTask<bool> WaitToEnqueueAsync(CancellationToken ct) => _queue.WaitToAppendAsync(ct);

    /// <summary>No more samples: the loop sends what is queued and ends. Returns the loop's task.</summary>
    public Task Complete()
    {
        _queue.Complete();
        return _run;
    }

    private async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                // Fast path: a full batch is waiting.
                if (_queue.TryTake(partial: false, out var batch, out int n))
                {
                    await SendBatchAsync(batch, n, stop);
                    continue;
                }
                switch (await WaitForBatchAsync(stop))
                {
                    case true:
                        continue;
                    case false:
                        // Completed: full batches are gone, send the partial one and end.
                        if (_queue.TryTake(partial: true, out batch, out n)) await SendBatchAsync(batch, n, stop);
                        return;
                    case null:
                        if (_queue.TryTake(partial: true, out batch, out n)) await SendBatchAsync(batch, n, stop);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped past the flush deadline: what is still queued is lost (logged by the queue).
        }
    }

    /// <summary>True: a full batch is ready; false: the queue completed; null: batch_send_deadline passed first.</summary>
    private async Task<bool?> WaitForBatchAsync(CancellationToken stop)
    {
        using var deadline = new CancellationTokenSource(_settings.BatchSendDeadline, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, deadline.Token);
        try
        {
            return await _queue.WaitForBatchAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task SendBatchAsync(SeriesSample[] batch, int n, CancellationToken stop)
    {
        try
        {
            await SendAsync(batch, n, stop);
        }
        finally
        {
            _queue.Return(batch, n);
        }
    }

    private async Task SendAsync(SeriesSample[] batch, int n, CancellationToken stop)
    {
        var samples = batch.AsSpan(0, n);
        long highest = long.MinValue;
        foreach (ref readonly var s in samples) highest = Math.Max(highest, s.T);
        ReadOnlyMemory<byte> body = _encoder.Encode(samples);
        TimeSpan backoff = _settings.MinBackoff;
        bool failing = false;
        try
        {
            while (true)
            {
                long start = Stopwatch.GetTimestamp();
                _metrics.SamplesTotal.Add(n);   // as Prometheus counts: every attempt
                _metrics.BytesTotal.Add(body.Length);
                SendResult result = await _client.SendAsync(body, stop);
                TimeSpan took = Stopwatch.GetElapsedTime(start);
                _metrics.SentBatchDuration.Observe(took.TotalSeconds);
                _stats.AddSendTime(took);
                switch (result.Outcome)
                {
                    case SendOutcome.Success:
                        _metrics.ObserveSent(highest);
                        _stats.AddSent(n, _time.GetUtcNow());
                        if (failing) Log.Recovered(_logger, _metrics.RemoteName, _client.Url.GetLeftPart(UriPartial.Path));
                        return;
                    case SendOutcome.Drop:
                        _metrics.SamplesFailed.Add(n);
                        Log.Dropped(_logger, _metrics.RemoteName, n, result.Error ?? "");
                        return;
                    default:
                        _metrics.SamplesRetried.Add(n);
                        if (!failing) Log.Retrying(_logger, _metrics.RemoteName, n, result.Error ?? "");
                        failing = true;
                        TimeSpan wait = result.RetryAfter ?? backoff;
                        await Task.Delay(wait, _time, stop);
                        backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _settings.MaxBackoff.Ticks));
                        break;
                }
            }
        }
        finally
        {
            _metrics.AddPending(-n);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Remote write {Queue}: failed to send {Count} samples, retrying: {Reason}")]
        public static partial void Retrying(ILogger logger, string queue, int count, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Remote write {Queue}: sending to {Url} works again")]
        public static partial void Recovered(ILogger logger, string queue, string url);

        [LoggerMessage(Level = LogLevel.Error, Message = "Remote write {Queue}: dropped {Count} samples, non-recoverable error: {Reason}")]
        public static partial void Dropped(ILogger logger, string queue, int count, string reason);
    }
}
