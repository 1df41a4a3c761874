using Argus.Config;
using Argus.Model;

namespace Argus.Notify.Forward;

/// <summary>
/// Turns discovered target groups of one <c>alerting.alertmanagers</c> entry into Alertmanagers, as Prometheus's
/// notifier.AlertmanagerFromGroup: target labels, then <c>__scheme__</c> (the config's scheme) and <c>__alerts_path__</c>
/// (path_prefix joined with /api/v2/alerts), then group labels the target does not set itself; relabel_configs decide
/// which are kept and may rewrite <c>__address__</c>, <c>__scheme__</c> and <c>__alerts_path__</c>. A target dropped by
/// relabelling is reported with its labels before relabelling.
/// </summary>
public static class AlertmanagerTargets
{
    /// <summary>
    /// Appends the group's Alertmanagers to <paramref name="active"/> and <paramref name="dropped"/>. A relabelled address
    /// that is not a host:port (it contains a '/') fails the whole group, as in Prometheus: nothing is appended, and
    /// <paramref name="error"/> says which address.
    /// </summary>
    public static bool TryFromGroup(AlertmanagerConfig config, IReadOnlyList<Labels> targets, Labels groupLabels, RelabelProcessor relabel,
        List<AlertmanagerTarget> active, List<AlertmanagerTarget> dropped, out string? error)
    {
        var groupActive = new List<AlertmanagerTarget>(targets.Count);
        var groupDropped = new List<AlertmanagerTarget>();
        string path = AlertsPath(config.PathPrefix);
        foreach (var target in targets)
        {
            var lb = target.ToBuilder();
            lb.Set(AlertmanagerTarget.SchemeLabel, config.Scheme);
            lb.Set(AlertmanagerTarget.AlertsPathLabel, path);
            foreach (var l in groupLabels)
            {
                if (!target.Has(l.Name)) lb.Set(l.Name, l.Value);
            }
            Labels preRelabel = lb.Build();
            if (config.RelabelConfigs.Count > 0 && !relabel(lb, config.RelabelConfigs))
            {
                groupDropped.Add(new AlertmanagerTarget(preRelabel));
                continue;
            }
            string address = lb.Get(AlertmanagerTarget.AddressLabel);
            if (address.Contains('/'))
            {
                error = $"\"{address}\" is not a valid hostname";
                return false;
            }
            groupActive.Add(new AlertmanagerTarget(lb.Build()));
        }
        active.AddRange(groupActive);
        dropped.AddRange(groupDropped);
        error = null;
        return true;
    }

    /// <summary>Prometheus's postPath: path_prefix joined with /api/v2/alerts.</summary>
    public static string AlertsPath(string? pathPrefix)
    {
        string prefix = (pathPrefix ?? "").TrimEnd('/');
        if (prefix.Length > 0 && !prefix.StartsWith('/')) prefix = "/" + prefix;
        return prefix + "/api/v2/alerts";
    }
}
