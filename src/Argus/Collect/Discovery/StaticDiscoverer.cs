using System.Globalization;
using System.Threading.Channels;
using Argus.Config;
using Argus.Model;

namespace Argus.Collect.Discovery;

/// <summary>Turns <c>static_configs</c> into target groups (sources "0", "1", … as Prometheus's StaticProvider); sends them once.</summary>
public sealed class StaticDiscoverer(IReadOnlyList<StaticConfig> configs, string name = "static/0") : IDiscoverer
{
    public string Name { get; } = name;

    /// <summary>The groups this provider announces.</summary>
    public IReadOnlyList<TargetGroup> Groups { get; } = ToGroups(configs);

    public static IReadOnlyList<TargetGroup> ToGroups(IReadOnlyList<StaticConfig> configs)
    {
        var groups = new List<TargetGroup>(configs.Count);
        for (int i = 0; i < configs.Count; i++)
        {
            groups.Add(ToGroup(configs[i], i.ToString(CultureInfo.InvariantCulture), extraLabels: null));
        }
        return groups;
    }

    /// <summary>One static config as a group: each target string becomes <c>{__address__="…"}</c>.</summary>
    internal static TargetGroup ToGroup(StaticConfig config, string source, IEnumerable<Label>? extraLabels)
    {
        var targets = new List<Labels>(config.Targets.Count);
        foreach (string t in config.Targets) targets.Add(Labels.FromStrings(TargetLabelNames.Address, t));
        var groupLabels = config.Labels.Select(kv => new Label(kv.Key, kv.Value));
        if (extraLabels is not null) groupLabels = groupLabels.Concat(extraLabels);
        return new TargetGroup(source, targets, Labels.FromPairs(groupLabels));
    }

    public async Task RunAsync(ChannelWriter<IReadOnlyList<TargetGroup>> updates, CancellationToken stop) =>
        await updates.WriteAsync(Groups, stop);
}
