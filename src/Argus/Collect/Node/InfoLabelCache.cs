using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>
/// The label sets of an info metric (node_disk_info, node_network_info) per device, rebuilt only when a device's values
/// change, so a steady host costs no label allocation per collection. Bounded: cleared past 4,096 devices (churning
/// virtual interfaces).
/// </summary>
internal sealed class InfoLabelCache(MetricDesc desc)
{
    private const int MaxDevices = 4096;
    private readonly Dictionary<string, (string[] Values, Labels Labels)> _byDevice = new(StringComparer.Ordinal);

    public Labels Get(string device, string[] values)
    {
        if (_byDevice.TryGetValue(device, out var cached) && cached.Values.AsSpan().SequenceEqual(values))
        {
            return cached.Labels;
        }
        if (_byDevice.Count >= MaxDevices) _byDevice.Clear();
        Labels labels = desc.WithMany(values);
        _byDevice[device] = (values, labels);
        return labels;
    }
}
