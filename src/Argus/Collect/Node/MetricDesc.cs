using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>
/// The fixed part of one node-exporter metric family (name, type, HELP, label names) plus a cache of the label sets
/// built for it, so a steady host allocates no <see cref="Labels"/> per collection. Descs are static and shared by every
/// collector instance, so the cache takes a lock (uncontended in practice: one collection at a time per host).
/// </summary>
internal sealed class MetricDesc
{
    // Bound on cached label sets per family; cleared beyond it (devices that come and go must not leak).
    private const int MaxCached = 4096;

    private readonly string[] _labelNames;
    private readonly Dictionary<string, Labels> _byOne = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), Labels> _byTwo = [];
    private readonly Lock _lock = new();
    private Labels? _none;

    public MetricDesc(string name, MetricType type, string help, params string[] labelNames)
    {
        Name = name;
        Type = type;
        Help = help;
        _labelNames = labelNames;
    }

    public string Name { get; }
    public MetricType Type { get; }
    public string Help { get; }

    /// <summary>The label set of the family's only series when it has no labels: just <c>__name__</c>.</summary>
    public Labels NoLabels => _none ??= Labels.FromStrings(Labels.MetricName, Name);

    /// <summary>The cached label set for a family with exactly one label name.</summary>
    public Labels With(string value)
    {
        using var scope = _lock.EnterScope();
        if (_byOne.TryGetValue(value, out Labels? labels))
        {
            return labels;
        }
        if (_byOne.Count >= MaxCached)
        {
            _byOne.Clear();
        }
        labels = Labels.FromStrings(Labels.MetricName, Name, _labelNames[0], value);
        _byOne[value] = labels;
        return labels;
    }

    /// <summary>The cached label set for a family with exactly two label names.</summary>
    public Labels With(string value0, string value1)
    {
        using var scope = _lock.EnterScope();
        if (_byTwo.TryGetValue((value0, value1), out Labels? labels))
        {
            return labels;
        }
        if (_byTwo.Count >= MaxCached)
        {
            _byTwo.Clear();
        }
        labels = Labels.FromStrings(Labels.MetricName, Name, _labelNames[0], value0, _labelNames[1], value1);
        _byTwo[(value0, value1)] = labels;
        return labels;
    }

    /// <summary>An uncached label set for info-style families with many labels; values in label-name order.</summary>
    public Labels WithMany(params ReadOnlySpan<string> values)
    {
        var builder = new Labels.Builder().Set(Labels.MetricName, Name);
        for (int i = 0; i < _labelNames.Length; i++)
        {
            builder.Set(_labelNames[i], values[i]);
        }
        return builder.Build();
    }

    public MetricFamily Family(IReadOnlyList<MetricPoint> points) => new(Name, Type, Help, points);

    /// <summary>A family of one unlabelled series.</summary>
    public MetricFamily Single(double value) => new(Name, Type, Help, [new MetricPoint(NoLabels, value)]);
}
