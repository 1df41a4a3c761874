using Argus.Model;

namespace Argus.Telemetry;

/// <summary>A family of Argus's own metrics, registered once in a <see cref="MetricsRegistry"/>.</summary>
public abstract class Metric(string name, string help, MetricType type)
{
    public string Name { get; } = name;
    public string Help { get; } = help;
    public MetricType Type { get; } = type;

    internal abstract void Collect(List<MetricPoint> into);

    private protected Labels SeriesLabels(string seriesName, ReadOnlySpan<string> labelNames, ReadOnlySpan<string> labelValues, string? extraName = null, string? extraValue = null)
    {
        var b = new Labels.Builder().Set(Labels.MetricName, seriesName);
        for (int i = 0; i < labelNames.Length; i++) b.Set(labelNames[i], labelValues[i]);
        if (extraName is not null) b.Set(extraName, extraValue!);
        return b.Build();
    }
}
