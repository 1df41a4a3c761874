using System.Collections.Concurrent;
using Argus.Model;

namespace Argus.Telemetry;

/// <summary>A histogram family partitioned by label values (e.g. request duration by handler).</summary>
public sealed class HistogramVec : Metric
{
    private readonly string[] _labelNames;
    private readonly double[] _buckets;
    private readonly ConcurrentDictionary<string, (string[] Values, Histogram Child)> _children = new();

    public HistogramVec(string name, string help, double[]? buckets, params string[] labelNames) : base(name, help, MetricType.Histogram)
    {
        _labelNames = labelNames;
        _buckets = buckets ?? Histogram.DefaultBuckets;
    }

    public Histogram WithLabels(params string[] values)
    {
        if (values.Length != _labelNames.Length)
        {
            throw new ArgumentException($"{Name} has labels [{string.Join(",", _labelNames)}] but got {values.Length} values");
        }
        return _children.GetOrAdd(string.Join('\xff', values), _ => (values, new Histogram(Name, Help, _buckets))).Child;
    }

    internal override void Collect(List<MetricPoint> into)
    {
        var childPoints = new List<MetricPoint>();
        foreach (var (_, (values, child)) in _children)
        {
            childPoints.Clear();
            child.Collect(childPoints);
            foreach (var p in childPoints)
            {
                var b = p.Labels.ToBuilder();
                for (int i = 0; i < _labelNames.Length; i++) b.Set(_labelNames[i], values[i]);
                into.Add(p with { Labels = b.Build() });
            }
        }
    }
}
