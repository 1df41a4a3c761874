using System.Collections.Concurrent;
using Argus.Model;

namespace Argus.Telemetry;

/// <summary>
/// A counter or gauge family partitioned by label values, e.g. samples rejected by reason. Look a child up once and keep
/// it: <see cref="WithLabels"/> allocates the key.
/// </summary>
public sealed class CounterVec : Metric
{
    private readonly string[] _labelNames;
    private readonly ConcurrentDictionary<string, (string[] Values, Counter Child)> _children = new();

    public CounterVec(string name, string help, params string[] labelNames) : base(name, help, MetricType.Counter) => _labelNames = labelNames;

    public Counter WithLabels(params string[] values)
    {
        if (values.Length != _labelNames.Length)
        {
            throw new ArgumentException($"{Name} has labels [{string.Join(",", _labelNames)}] but got {values.Length} values");
        }
        string key = string.Join('\xff', values);
        return _children.GetOrAdd(key, _ => (values, new Counter(Name, Help))).Child;
    }

    /// <summary>Drops a child, e.g. when its target goes away.</summary>
    public void Remove(params string[] values) => _children.TryRemove(string.Join('\xff', values), out _);

    internal override void Collect(List<MetricPoint> into)
    {
        foreach (var (_, (values, child)) in _children)
        {
            into.Add(new MetricPoint(SeriesLabels(Name, _labelNames, values), child.Value));
        }
    }
}
