using Argus.Model;

namespace Argus.Telemetry;

/// <summary>A gauge family whose children are read at collection time, e.g. targets per scrape pool.</summary>
public sealed class GaugeFunc(string name, string help, string[] labelNames, Func<IEnumerable<(string[] Values, double Value)>> read)
    : Metric(name, help, MetricType.Gauge)
{
    internal override void Collect(List<MetricPoint> into)
    {
        foreach (var (values, value) in read())
        {
            into.Add(new MetricPoint(SeriesLabels(Name, labelNames, values), value));
        }
    }
}
