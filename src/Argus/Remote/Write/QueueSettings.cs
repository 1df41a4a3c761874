using Argus.Config;

namespace Argus.Remote.Write;

/// <summary>The queue_config values a shard uses, checked for sense (a zero capacity or batch size would stall the queue).</summary>
internal sealed record QueueSettings(int Capacity, int MaxSamplesPerSend, TimeSpan BatchSendDeadline, TimeSpan MinBackoff, TimeSpan MaxBackoff)
{
    public static QueueSettings From(QueueConfig c) => new(
        Math.Max(1, c.Capacity),
        Math.Max(1, c.MaxSamplesPerSend),
        c.BatchSendDeadline > TimeSpan.Zero ? c.BatchSendDeadline : TimeSpan.FromSeconds(5),
        c.MinBackoff > TimeSpan.Zero ? c.MinBackoff : TimeSpan.FromMilliseconds(30),
        c.MaxBackoff >= c.MinBackoff && c.MaxBackoff > TimeSpan.Zero ? c.MaxBackoff : TimeSpan.FromSeconds(5));
}
