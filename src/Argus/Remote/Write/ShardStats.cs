namespace Argus.Remote.Write;

/// <summary>What the shards of one queue report for resharding: samples sent, send time, last success. Thread-safe.</summary>
internal sealed class ShardStats
{
    private long _sent;
    private long _sendTicks;
    private long _lastSuccessMs = long.MinValue;

    public void AddSent(int n, DateTimeOffset now)
    {
        Interlocked.Add(ref _sent, n);
        Volatile.Write(ref _lastSuccessMs, now.ToUnixTimeMilliseconds());
    }

    public void AddSendTime(TimeSpan took) => Interlocked.Add(ref _sendTicks, took.Ticks);

    /// <summary>Samples sent and send seconds since the last call.</summary>
    public (long Sent, double SendSeconds) Take() =>
        (Interlocked.Exchange(ref _sent, 0), TimeSpan.FromTicks(Interlocked.Exchange(ref _sendTicks, 0)).TotalSeconds);

    public long LastSuccessMs => Volatile.Read(ref _lastSuccessMs);
}
