namespace Argus.Remote.Write;

/// <summary>
/// How many shards a queue should run, in the simplified form of Prometheus's calculateDesiredShards
/// (storage/remote/queue_manager.go), evaluated every <see cref="UpdatePeriod"/>:
/// <code>
/// timePerSample = sendSeconds / samplesOut                    (shard-seconds one sample costs)
/// desired       = timePerSample × (samplesInRate + 0.05 × pending)   (keep up, and drain 5% of the backlog per second)
/// </code>
/// where the rates are EWMAs (weight 0.2) over the 10 s periods. The current count is kept when desired is within ±30%
/// of it (no flapping), when nothing was sent in the period, and while the endpoint is failing: resharding flushes the
/// shards, which cannot succeed during an outage (Prometheus issue 12559). The result is clamped to min/max_shards.
/// </summary>
public sealed class ReshardPolicy
{
    public static readonly TimeSpan UpdatePeriod = TimeSpan.FromSeconds(10);
    private const double EwmaWeight = 0.2;
    private const double Tolerance = 0.3;
    private const double BacklogCatchup = 0.05;

    private double _inRate, _outRate, _sendSecondsRate;
    private bool _initialized;

    /// <summary>
    /// One period's observation: samples enqueued and sent successfully, shard-seconds spent sending, samples pending now,
    /// and whether a send succeeded recently. Returns the new desired shard count.
    /// </summary>
    public int Update(long samplesIn, long samplesOut, double sendSeconds, long pending, bool sendingHealthy, int current, int min, int max)
    {
        double period = UpdatePeriod.TotalSeconds;
        double inRate = samplesIn / period, outRate = samplesOut / period, secondsRate = sendSeconds / period;
        if (!_initialized)
        {
            (_inRate, _outRate, _sendSecondsRate, _initialized) = (inRate, outRate, secondsRate, true);
        }
        else
        {
            _inRate += EwmaWeight * (inRate - _inRate);
            _outRate += EwmaWeight * (outRate - _outRate);
            _sendSecondsRate += EwmaWeight * (secondsRate - _sendSecondsRate);
        }
        if (!sendingHealthy || _outRate <= 0) return Math.Clamp(current, min, max);
        double timePerSample = _sendSecondsRate / _outRate;
        double desired = timePerSample * (_inRate + BacklogCatchup * pending);
        if (desired > current * (1 - Tolerance) && desired < current * (1 + Tolerance)) return Math.Clamp(current, min, max);
        return Math.Clamp((int)Math.Ceiling(desired), min, max);
    }
}
