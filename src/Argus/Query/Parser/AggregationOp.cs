namespace Argus.Query.Parser;

/// <summary>Aggregation operators (Prometheus's aggregator tokens).</summary>
public enum AggregationOp
{
    Sum,
    Avg,
    Count,
    Min,
    Max,
    Group,
    Stddev,
    Stdvar,
    TopK,
    BottomK,
    CountValues,
    Quantile,
    LimitK,
    LimitRatio,
}
