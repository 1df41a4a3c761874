using Argus.Config;
using Argus.Model;
using Microsoft.Extensions.Logging;

namespace Argus.Notify.Forward;

/// <summary>
/// One <c>alerting.alertmanagers</c> entry (Prometheus's alertmanagerSet): its config, its HTTP client and the
/// Alertmanagers its service discovery yields right now, active (deduplicated by URL) and dropped by relabel_configs.
/// <see cref="Sync"/> replaces both lists at once; readers see the old or the new lists, never a mix. Thread-safe.
/// </summary>
public sealed partial class AlertmanagerSet
{
    private readonly RelabelProcessor _relabel;
    private readonly ILogger _logger;
    private readonly Lock _syncLock = new();
    private volatile Discovered _discovered = Discovered.None;

    private sealed record Discovered(IReadOnlyList<AlertmanagerTarget> Active, IReadOnlyList<AlertmanagerTarget> Dropped)
    {
        public static readonly Discovered None = new([], []);
    }

    internal AlertmanagerSet(string key, AlertmanagerConfig config, HttpClient http, RelabelProcessor relabel, ILogger logger)
    {
        Key = key;
        Config = config;
        Http = http;
        _relabel = relabel;
        _logger = logger;
        ConfigHash = ConfigYaml.Serialize(config);
    }

    /// <summary><c>config-&lt;i&gt;</c>, the entry's index in <c>alerting.alertmanagers</c> (Prometheus's ToMap keys).</summary>
    public string Key { get; }

    public AlertmanagerConfig Config { get; }

    internal HttpClient Http { get; }

    /// <summary>The entry as YAML (secrets redacted, as Prometheus's configHash): equal for an unchanged entry after a reload.</summary>
    internal string ConfigHash { get; }

    /// <summary>The Alertmanagers alerts are sent to, in discovery order, one per URL.</summary>
    public IReadOnlyList<AlertmanagerTarget> Active => _discovered.Active;

    /// <summary>Discovered Alertmanagers that relabel_configs dropped, with their labels before relabelling.</summary>
    public IReadOnlyList<AlertmanagerTarget> Dropped => _discovered.Dropped;

    /// <summary>
    /// Replaces the Alertmanagers with those of <paramref name="groups"/>, the complete current target groups of every
    /// discovery provider of this entry (alertmanagerSet.sync). A group that fails is logged and contributes nothing.
    /// </summary>
    public void Sync(IEnumerable<(IReadOnlyList<Labels> Targets, Labels GroupLabels)> groups)
    {
        var active = new List<AlertmanagerTarget>();
        var dropped = new List<AlertmanagerTarget>();
        foreach (var (targets, groupLabels) in groups)
        {
            if (!AlertmanagerTargets.TryFromGroup(Config, targets, groupLabels, _relabel, active, dropped, out string? error))
            {
                Log.GroupFailed(_logger, Key, error!);
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<AlertmanagerTarget>(active.Count);
        foreach (var am in active)
        {
            if (seen.Add(am.Url)) unique.Add(am);
        }
        lock (_syncLock)
        {
            var before = _discovered.Active;
            _discovered = new Discovered(unique, dropped);
            if (!SameUrls(before, unique)) Log.Changed(_logger, Key, unique.Count, dropped.Count);
        }
    }

    /// <summary>Takes over what <paramref name="previous"/> had discovered (a reload that left this entry unchanged).</summary>
    internal void TakeOver(AlertmanagerSet previous) => _discovered = previous._discovered;

    private static bool SameUrls(IReadOnlyList<AlertmanagerTarget> a, IReadOnlyList<AlertmanagerTarget> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].Url != b[i].Url) return false;
        }
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Creating discovered Alertmanagers of {Config} failed: {Reason}")]
        public static partial void GroupFailed(ILogger logger, string config, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Alertmanagers of {Config} changed: {Active} active, {Dropped} dropped")]
        public static partial void Changed(ILogger logger, string config, int active, int dropped);
    }
}
