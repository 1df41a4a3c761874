namespace Argus.TargetGen;

/// <summary>
/// One metric family of a target: its series' text before the value (<c>name{labels} </c>), their current values, and for
/// counters the rate (units/s) or for gauges the base value, as targets.py's Family. After <see cref="Target"/> lays the body
/// out, <see cref="Slots"/> says where each series' value digits are, so a refresh rewrites only those bytes.
/// </summary>
internal sealed class Family(string name, string help, string type, ValueKind kind)
{
    public string Name { get; } = name;

    public string Help { get; } = help;

    public string Type { get; } = type;

    public ValueKind Kind { get; } = kind;

    /// <summary>UTF-8 text of each series before its value (<c>name{labels} </c>): half the memory of strings.</summary>
    public List<byte[]> Prefixes { get; } = [];

    public List<double> Values { get; } = [];

    public List<double> Rates { get; } = [];

    /// <summary>Index of the pod a series belongs to, -1 for node-level series: churn keeps the values of untouched pods.</summary>
    public List<int> PodOf { get; } = [];

    /// <summary>Value slot of each series in the body (set by the layout; unused for constants).</summary>
    public ValueSlot[] Slots { get; set; } = [];

    /// <summary>Decimals written into each slot.</summary>
    public byte[] Decimals { get; set; } = [];

    public int Count => Prefixes.Count;

    public void Add(string labels, double value, double rate = 0, int pod = -1)
    {
        Prefixes.Add(System.Text.Encoding.UTF8.GetBytes(labels.Length > 0 ? $"{Name}{{{labels}}} " : Name + " "));
        Values.Add(value);
        Rates.Add(rate);
        PodOf.Add(pod);
    }
}
