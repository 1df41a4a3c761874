using Argus.Model;

namespace Argus.Telemetry;

/// <summary>A value that goes up and down, either set directly or read from a callback at collection time.</summary>
public sealed class Gauge : Metric
{
    private long _bits;
    private readonly Func<double>? _read;

    public Gauge(string name, string help, Func<double>? read = null) : base(name, help, MetricType.Gauge) => _read = read;

    public double Value => _read?.Invoke() ?? BitConverter.Int64BitsToDouble(Interlocked.Read(ref _bits));

    public void Set(double v) => Interlocked.Exchange(ref _bits, BitConverter.DoubleToInt64Bits(v));

    public void Add(double delta)
    {
        AtomicDouble.Add(ref _bits, delta);
    }

    internal override void Collect(List<MetricPoint> into) =>
        into.Add(new MetricPoint(SeriesLabels(Name, [], []), Value));
}
