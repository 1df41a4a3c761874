using Argus.Model;

namespace Argus.Query.Engine;

/// <summary>One series of a range vector or range-query result, its points in ascending time order.</summary>
public sealed class MatrixSeries(Labels metric, FPoint[] points)
{
    public Labels Metric { get; } = metric;
    public FPoint[] Points { get; } = points;
}
