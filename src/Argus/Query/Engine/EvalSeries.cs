using Argus.Model;

namespace Argus.Query.Engine;

/// <summary>
/// A series during evaluation: labels, one point per step at which it has a value, and whether the metric name is to be
/// dropped at the end of the query (Prometheus 3's delayed __name__ removal).
/// </summary>
internal sealed class EvalSeries(Labels metric, List<FPoint> points, bool dropName = false)
{
    public Labels Metric { get; set; } = metric;
    public List<FPoint> Points { get; } = points;
    public bool DropName { get; set; } = dropName;
}
