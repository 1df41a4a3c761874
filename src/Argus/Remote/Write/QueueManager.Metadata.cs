using Argus.Remote.Protocol;

namespace Argus.Remote.Write;

public sealed partial class QueueManager
{
    /// <summary>
    /// The scraped targets' metadata (family, type, help, unit), sent every <c>metadata_config.send_interval</c> in
    /// metadata-only requests of up to <c>metadata_config.max_samples_per_send</c> entries, as Prometheus 2.42 does. Null:
    /// no metadata is sent.
    /// </summary>
    public Func<IReadOnlyList<MetricMetadata>>? MetadataSource { get; init; }

    private async Task MetadataLoopAsync()
    {
        var config = _config.MetadataConfig;
        if (!config.Send || MetadataSource is null || config.SendInterval <= TimeSpan.Zero) return;
        var encoder = new WriteRequestEncoder();
        using var timer = new PeriodicTimer(config.SendInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var all = MetadataSource().Distinct().ToList();
                int chunk = Math.Max(1, config.MaxSamplesPerSend);
                for (int i = 0; i < all.Count; i += chunk)
                {
                    var part = all.GetRange(i, Math.Min(chunk, all.Count - i));
                    await SendMetadataAsync(encoder.EncodeMetadata(part), part.Count);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Sends one metadata request, retrying recoverable errors with the queue's backoff until stopped.</summary>
    private async Task SendMetadataAsync(ReadOnlyMemory<byte> body, int count)
    {
        TimeSpan backoff = _settings.MinBackoff;
        while (true)
        {
            var result = await _client.SendAsync(body, _stop.Token);
            switch (result.Outcome)
            {
                case SendOutcome.Success:
                    Metrics.MetadataTotal.Add(count);
                    return;
                case SendOutcome.Drop:
                    Metrics.MetadataFailed.Add(count);
                    return;
                default:
                    await Task.Delay(result.RetryAfter ?? backoff, _time, _stop.Token);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _settings.MaxBackoff.Ticks));
                    break;
            }
        }
    }
}
