using Argus.Model;

namespace Argus.Query.Engine;

/// <summary>
/// Gathers step outputs into series keyed by label set, in order of first appearance (which is the instant-query result
/// order), rejecting a second value for the same label set at the same step as Prometheus does.
/// </summary>
internal sealed class SeriesCollector
{
    private readonly Dictionary<Labels, int> _index = [];

    public List<EvalSeries> Series { get; } = [];

    public void Add(Labels metric, bool dropName, long ts, double f)
    {
        if (!_index.TryGetValue(metric, out int at))
        {
            at = Series.Count;
            _index[metric] = at;
            Series.Add(new EvalSeries(metric, [], dropName));
        }
        var series = Series[at];
        if (series.Points.Count > 0 && series.Points[^1].T == ts)
        {
            throw new QueryException(QueryErrorKind.Execution, "vector cannot contain metrics with the same labelset");
        }
        series.Points.Add(new FPoint(ts, f));
        series.DropName |= dropName;
    }
}
