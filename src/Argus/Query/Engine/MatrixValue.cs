namespace Argus.Query.Engine;

/// <summary>A range vector or range-query result, series sorted by label set (labels.Compare order).</summary>
public sealed class MatrixValue(IReadOnlyList<MatrixSeries> series) : QueryValue
{
    public IReadOnlyList<MatrixSeries> Series { get; } = series;
    public override string ResultType => "matrix";
}
