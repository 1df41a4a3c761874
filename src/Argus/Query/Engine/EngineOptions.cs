namespace Argus.Query.Engine;

/// <summary>Settings of the PromQL <see cref="Engine"/>; the defaults are Prometheus 3's server defaults.</summary>
public sealed class EngineOptions
{
    /// <summary>How far back an instant selector looks for the newest sample: the window is (t − delta, t] (--query.lookback-delta).</summary>
    public TimeSpan LookbackDelta { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Maximum evaluation time of one query (--query.timeout).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Maximum number of samples a query may hold in memory at once (--query.max-samples).</summary>
    public long MaxSamples { get; init; } = 50_000_000;

    /// <summary>Step of subqueries written without one (<c>x[5m:]</c>): Prometheus uses the global evaluation interval, 1m by default.</summary>
    public TimeSpan DefaultSubqueryStep { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Accumulator cells (groups × steps) a streamed sum, avg, count, min, max, group, stddev or stdvar may use before it
    /// is evaluated step by step instead (Argus only). 2M cells are at most ≈ 60 MiB, for avg; see SimpleAggregation.
    /// </summary>
    public long MaxAggregationCells { get; init; } = 1 << 21;
}
