using Argus.Model;

namespace Argus.Telemetry;

/// <summary>A classic histogram with fixed upper bounds, exposed as _bucket{le}, _sum and _count.</summary>
public sealed class Histogram : Metric
{
    public static readonly double[] DefaultBuckets = [.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10];

    private readonly double[] _bounds;
    private readonly long[] _counts;
    private readonly Lock _lock = new();
    private double _sum;
    private long _count;

    public Histogram(string name, string help, double[]? buckets = null) : base(name, help, MetricType.Histogram)
    {
        _bounds = buckets ?? DefaultBuckets;
        _counts = new long[_bounds.Length];
    }

    public void Observe(double v)
    {
        lock (_lock)
        {
            for (int i = 0; i < _bounds.Length; i++)
            {
                if (v <= _bounds[i]) { _counts[i]++; break; }
            }
            _sum += v;
            _count++;
        }
    }

    public long Count { get { lock (_lock) return _count; } }

    internal override void Collect(List<MetricPoint> into)
    {
        lock (_lock)
        {
            long cumulative = 0;
            for (int i = 0; i < _bounds.Length; i++)
            {
                cumulative += _counts[i];
                into.Add(new MetricPoint(SeriesLabels(Name + "_bucket", [], [], "le", FormatBound(_bounds[i])), cumulative));
            }
            into.Add(new MetricPoint(SeriesLabels(Name + "_bucket", [], [], "le", "+Inf"), _count));
            into.Add(new MetricPoint(SeriesLabels(Name + "_sum", [], []), _sum));
            into.Add(new MetricPoint(SeriesLabels(Name + "_count", [], []), _count));
        }
    }

    internal static string FormatBound(double b) => b.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
