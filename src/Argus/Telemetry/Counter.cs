using Argus.Model;

namespace Argus.Telemetry;

/// <summary>A monotonically increasing value. Thread-safe, lock-free.</summary>
public sealed class Counter : Metric
{
    private long _bits; // double bits, updated with CAS so fractional increments (seconds) work

    public Counter(string name, string help) : base(name, help, MetricType.Counter) { }

    public double Value => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _bits));

    public void Inc() => Add(1);

    public void Add(double delta)
    {
        if (delta < 0) throw new ArgumentOutOfRangeException(nameof(delta), "counters only go up");
        AtomicDouble.Add(ref _bits, delta);
    }

    internal override void Collect(List<MetricPoint> into) =>
        into.Add(new MetricPoint(SeriesLabels(Name, [], []), Value));
}
