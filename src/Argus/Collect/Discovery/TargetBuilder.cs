using Argus.Collect.Relabel;
using Argus.Config;
using Argus.Model;

namespace Argus.Collect.Discovery;

/// <summary>
/// Turns discovered target groups into scrape targets exactly as Prometheus's scrape.PopulateLabels: target labels over
/// group labels, then job/__scrape_interval__/__scrape_timeout__/__metrics_path__/__scheme__/__param_* where not set,
/// relabel_configs, address and interval checks, <c>__meta_*</c> removed, <c>instance</c> defaulting to the address.
/// </summary>
public static class TargetBuilder
{
    /// <param name="appendDefaultPort">Prometheus 2.x behaviour: add <c>:80</c>/<c>:443</c> to an address without port.
    /// Prometheus 3.x (the default here) leaves the address as relabelled.</param>
    public static IReadOnlyList<BuiltTarget> Build(ScrapeConfig cfg, TargetGroup group, bool appendDefaultPort = false)
    {
        var result = new List<BuiltTarget>(group.Targets.Count);
        for (int i = 0; i < group.Targets.Count; i++)
        {
            var t = PopulateLabels(cfg, group.Targets[i], group.GroupLabels, appendDefaultPort);
            if (t.Error is not null) t = t with { Error = $"instance {i} in group {group.Source}: {t.Error}" };
            result.Add(t);
        }
        return result;
    }

    public static BuiltTarget PopulateLabels(ScrapeConfig cfg, Labels targetLabels, Labels groupLabels, bool appendDefaultPort = false)
    {
        var lb = new Labels.Builder();
        foreach (var l in groupLabels) lb.Set(l.Name, l.Value);
        foreach (var l in targetLabels) lb.Set(l.Name, l.Value); // a target's own labels win over its group's
        SetIfEmpty(lb, TargetLabelNames.Job, cfg.JobName);
        SetIfEmpty(lb, TargetLabelNames.ScrapeInterval, PromDuration.Format(cfg.ScrapeInterval));
        SetIfEmpty(lb, TargetLabelNames.ScrapeTimeout, PromDuration.Format(cfg.ScrapeTimeout));
        SetIfEmpty(lb, TargetLabelNames.MetricsPath, cfg.MetricsPath);
        SetIfEmpty(lb, TargetLabelNames.Scheme, cfg.Scheme);
        if (cfg.Params is not null)
        {
            foreach (var (name, values) in cfg.Params)
            {
                if (values.Count > 0) SetIfEmpty(lb, TargetLabelNames.ParamPrefix + name, values[0]);
            }
        }
        Labels discovered = lb.Build();

        if (!Relabeler.Process(lb, cfg.RelabelConfigs)) return new BuiltTarget(TargetBuildOutcome.Dropped, Labels.Empty, discovered, null);

        string addr = lb.Get(TargetLabelNames.Address);
        if (addr.Length == 0) return Failed("no address");
        if (appendDefaultPort && NeedsPort(addr))
        {
            string scheme = lb.Get(TargetLabelNames.Scheme);
            addr = scheme switch
            {
                "http" or "" => addr + ":80",
                "https" => addr + ":443",
                _ => "",
            };
            if (addr.Length == 0) return Failed($"invalid scheme: \"{cfg.Scheme}\"");
            lb.Set(TargetLabelNames.Address, addr);
        }
        if (addr.Contains('/')) return Failed($"\"{addr}\" is not a valid hostname");

        string interval = lb.Get(TargetLabelNames.ScrapeInterval);
        if (!PromDuration.TryParse(interval, out var intervalDuration, out var error)) return Failed("error parsing scrape interval: " + error);
        if (intervalDuration == TimeSpan.Zero) return Failed("scrape interval cannot be 0");
        string timeout = lb.Get(TargetLabelNames.ScrapeTimeout);
        if (!PromDuration.TryParse(timeout, out var timeoutDuration, out error)) return Failed("error parsing scrape timeout: " + error);
        if (timeoutDuration == TimeSpan.Zero) return Failed("scrape timeout cannot be 0");
        if (timeoutDuration > intervalDuration)
        {
            return Failed($"scrape timeout cannot be greater than scrape interval (\"{timeout}\" > \"{interval}\")");
        }

        // Meta labels are deleted after relabelling; other internal labels stay for the scrape loop.
        var current = lb.Current;
        for (int i = current.Count - 1; i >= 0; i--)
        {
            if (current[i].Name.StartsWith(TargetLabelNames.MetaPrefix, StringComparison.Ordinal)) lb.Del(current[i].Name);
        }
        SetIfEmpty(lb, TargetLabelNames.Instance, addr);
        Labels labels = lb.Build();
        foreach (var l in labels)
        {
            if (!IsValidUtf16(l.Value)) return Failed($"invalid label value for \"{l.Name}\": \"{l.Value}\"");
        }
        return new BuiltTarget(TargetBuildOutcome.Active, labels, discovered, null);
    }

    private static BuiltTarget Failed(string error) =>
        new(TargetBuildOutcome.Failed, Labels.Empty, Labels.Empty, error);

    private static void SetIfEmpty(Labels.Builder lb, string name, string value)
    {
        if (lb.Get(name).Length == 0) lb.Set(name, value);
    }

    /// <summary>Prometheus 2.x addPort: true when the address has no port but would be valid with one.</summary>
    internal static bool NeedsPort(string address) =>
        !HostPort.TrySplit(address, out _, out _) && HostPort.TrySplit(address + ":1234", out _, out _);

    private static bool IsValidUtf16(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(s[i]))
            {
                return false;
            }
        }
        return true;
    }
}
