using System.Diagnostics.CodeAnalysis;

namespace Argus.Query.Parser;

/// <summary>Names of <see cref="AggregationOp"/> and which of them take a parameter.</summary>
public static class AggregationOps
{
    private static readonly Dictionary<string, AggregationOp> s_byName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sum"] = AggregationOp.Sum,
        ["avg"] = AggregationOp.Avg,
        ["count"] = AggregationOp.Count,
        ["min"] = AggregationOp.Min,
        ["max"] = AggregationOp.Max,
        ["group"] = AggregationOp.Group,
        ["stddev"] = AggregationOp.Stddev,
        ["stdvar"] = AggregationOp.Stdvar,
        ["topk"] = AggregationOp.TopK,
        ["bottomk"] = AggregationOp.BottomK,
        ["count_values"] = AggregationOp.CountValues,
        ["quantile"] = AggregationOp.Quantile,
        ["limitk"] = AggregationOp.LimitK,
        ["limit_ratio"] = AggregationOp.LimitRatio,
    };

    /// <summary>Looks an aggregator up by name, case-insensitively as Prometheus's lexer does.</summary>
    public static bool TryParse(string name, [NotNullWhen(true)] out AggregationOp? op)
    {
        if (s_byName.TryGetValue(name, out var found))
        {
            op = found;
            return true;
        }
        op = null;
        return false;
    }

    /// <summary>The canonical lower-case name, as printed.</summary>
    public static string Name(this AggregationOp op) => op switch
    {
        AggregationOp.Sum => "sum",
        AggregationOp.Avg => "avg",
        AggregationOp.Count => "count",
        AggregationOp.Min => "min",
        AggregationOp.Max => "max",
        AggregationOp.Group => "group",
        AggregationOp.Stddev => "stddev",
        AggregationOp.Stdvar => "stdvar",
        AggregationOp.TopK => "topk",
        AggregationOp.BottomK => "bottomk",
        AggregationOp.CountValues => "count_values",
        AggregationOp.Quantile => "quantile",
        AggregationOp.LimitK => "limitk",
        _ => "limit_ratio",
    };

    /// <summary>topk, bottomk, quantile, count_values, limitk and limit_ratio take a first parameter.</summary>
    public static bool TakesParameter(this AggregationOp op) =>
        op is AggregationOp.TopK or AggregationOp.BottomK or AggregationOp.CountValues or AggregationOp.Quantile
            or AggregationOp.LimitK or AggregationOp.LimitRatio;
}
