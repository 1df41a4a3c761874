using Argus.Config;
using Argus.Telemetry;
using Microsoft.Extensions.Logging;

namespace Argus.Rules;

/// <summary>
/// Runs the rule groups of the configured rule files, one evaluation loop each (rules/manager.go). <see cref="Update"/> loads
/// a new set of files: on any error nothing changes and the errors are returned; otherwise unchanged groups keep running,
/// changed groups are restarted with their alert state carried over, and removed groups stop and, two of their intervals
/// later, mark their series stale (so a renamed group that writes the same series in the meantime keeps them without a gap).
/// Groups loaded by the first successful Update restore alert state from ALERTS_FOR_STATE (Prometheus's restart behaviour).
/// </summary>
public sealed partial class RuleManager : IAsyncDisposable
{
    private readonly RuleGroupOptions _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (RuleGroup Group, CancellationTokenSource Stop, Task Loop)> _running = new(StringComparer.Ordinal);
    private IReadOnlyList<RuleGroup> _groups = [];
    private bool _started;
    private bool _restoredOnce;
    private CancellationTokenSource _managerDone = new();
    private readonly List<Task> _pendingStale = [];

    /// <param name="options">What the groups share.</param>
    /// <param name="registry">When given, the prometheus_rule_* self-metrics are registered there for this manager's groups
    /// (overriding <see cref="RuleGroupOptions.Metrics"/>).</param>
    public RuleManager(RuleGroupOptions options, MetricsRegistry? registry = null)
    {
        _options = registry is null ? options : options with { Metrics = new RuleMetrics(registry, () => Groups) };
    }

    /// <summary>The options the groups share (clock, store, notifier, flags).</summary>
    public RuleGroupOptions Options => _options;

    /// <summary>The current groups in file order, then group order.</summary>
    public IReadOnlyList<RuleGroup> Groups
    {
        get { lock (_lock) return _groups; }
    }

    /// <summary>
    /// Loads the rule files of a validated configuration: <c>rule_files</c> globs (already resolved against the configuration
    /// file's directory) expanded in order, with <c>global.evaluation_interval</c> and <c>global.rule_query_offset</c> as defaults.
    /// </summary>
    public IReadOnlyList<ConfigError> Update(PrometheusConfig config) => Update(config, []);

    /// <summary>As <see cref="Update(PrometheusConfig)"/>, followed by <paramref name="extraFiles"/> (the built-in rules).</summary>
    public IReadOnlyList<ConfigError> Update(PrometheusConfig config, IEnumerable<string> extraFiles)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in config.RuleFiles.Concat(extraFiles))
        {
            foreach (var f in FileGlob.Expand(pattern)) if (seen.Add(f)) files.Add(f);
        }
        var interval = config.Global.EvaluationInterval > TimeSpan.Zero ? config.Global.EvaluationInterval : GlobalConfig.DefaultEvaluationInterval;
        return Update(files, interval, config.Global.RuleQueryOffset);
    }

    /// <summary>
    /// Loads <paramref name="files"/> (already glob-expanded, in order). Returns the errors (empty on success); a failed load
    /// keeps the previous rules running.
    /// </summary>
    public IReadOnlyList<ConfigError> Update(IReadOnlyList<string> files, TimeSpan defaultInterval, TimeSpan defaultQueryOffset)
    {
        lock (_lock)
        {
            var (groups, errors) = RuleLoader.Load(files, defaultInterval, defaultQueryOffset, _options, shouldRestore: !_restoredOnce);
            if (errors.Count > 0)
            {
                foreach (var e in errors) Log.LoadFailed(_options.Logger, e.ToString());
                return errors;
            }
            _restoredOnce = true;
            var next = new List<RuleGroup>(groups.Count);
            var keep = new HashSet<string>(StringComparer.Ordinal);
            foreach (var g in groups)
            {
                if (!keep.Add(g.Key)) continue; // same group name in two globs resolving to one file
                if (_groups.FirstOrDefault(o => o.Key == g.Key) is { } old)
                {
                    if (old.Fingerprint == g.Fingerprint)
                    {
                        next.Add(old);
                        continue;
                    }
                    StopGroup(old.Key, markStale: false);
                    g.CopyState(old);
                }
                next.Add(g);
                if (_started) StartGroup(g);
            }
            foreach (var old in _groups)
            {
                if (!keep.Contains(old.Key))
                {
                    StopGroup(old.Key, markStale: true);
                    _options.Metrics?.Remove(old.Key);
                }
            }
            _groups = next;
            Log.Loaded(_options.Logger, files.Count, next.Count);
            return [];
        }
    }

    /// <summary>Starts the evaluation loops of the loaded groups (and of groups loaded later).</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_started) return;
            _started = true;
            if (_managerDone.IsCancellationRequested) _managerDone = new CancellationTokenSource();
            foreach (var g in _groups) StartGroup(g);
        }
    }

    /// <summary>Stops every loop and waits for evaluations in progress to end.</summary>
    public async Task StopAsync()
    {
        List<Task> loops;
        lock (_lock)
        {
            _started = false;
            // As Prometheus: stale markers still waiting for their two intervals are not written once the manager stops.
            _managerDone.Cancel();
            loops = [.. _pendingStale];
            _pendingStale.Clear();
            foreach (var (_, r) in _running)
            {
                r.Stop.Cancel();
                loops.Add(r.Loop);
            }
            _running.Clear();
        }
        await Task.WhenAll(loops);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private void StartGroup(RuleGroup g)
    {
        var stop = new CancellationTokenSource();
        _running[g.Key] = (g, stop, Task.Run(() => g.RunAsync(stop.Token)));
    }

    private void StopGroup(string key, bool markStale)
    {
        if (_running.Remove(key, out var r))
        {
            r.Stop.Cancel();
            // Wait so that the old loop's last evaluation is complete before the new group or stale markers are written.
            r.Loop.GetAwaiter().GetResult();
            r.Stop.Dispose();
            if (markStale) MarkStaleLater(r.Group);
        }
        else if (markStale && _groups.FirstOrDefault(g => g.Key == key) is { } group)
        {
            if (_started) MarkStaleLater(group);
            else group.MarkStale(_options.Time.GetUtcNow()); // never ran a loop: nothing can take its series over
        }
    }

    /// <summary>
    /// Writes the removed group's stale markers stamped with the time it stopped, after waiting two of its intervals (as
    /// Prometheus): a renamed group started by the same reload has then written newer samples for any series it took over,
    /// so the store rejects those markers as out of order and only the truly vanished series end.
    /// </summary>
    private void MarkStaleLater(RuleGroup group)
    {
        var stoppedAt = _options.Time.GetUtcNow();
        var wait = Task.Delay(2 * group.Interval, _options.Time, _managerDone.Token); // the clock starts now, not when a thread is free
        _pendingStale.RemoveAll(t => t.IsCompleted);
        _pendingStale.Add(wait.ContinueWith(
            t => { if (t.IsCompletedSuccessfully) group.MarkStale(stoppedAt); },
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default));
    }

    /// <summary>Every pending and firing alert of every alerting rule, in group and rule order.</summary>
    public IReadOnlyList<(AlertingRule Rule, Alert Alert)> ActiveAlerts()
    {
        var list = new List<(AlertingRule, Alert)>();
        foreach (var g in Groups)
        {
            foreach (var r in g.Rules)
            {
                if (r is AlertingRule ar) foreach (var a in ar.ActiveAlerts) list.Add((ar, a));
            }
        }
        return list;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Loading rules failed, keeping the previous rules: {Error}")]
        public static partial void LoadFailed(ILogger logger, string error);

        [LoggerMessage(Level = LogLevel.Information, Message = "Rules loaded: {Files} files, {Groups} groups")]
        public static partial void Loaded(ILogger logger, int files, int groups);
    }
}
