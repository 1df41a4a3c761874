using System.Diagnostics;
using Argus.Model;
using Argus.Query.Engine;
using Argus.Store;
using Microsoft.Extensions.Logging;

namespace Argus.Rules;

/// <summary>
/// A group of rules evaluated in order at each tick of its interval (rules/group.go): later rules see the samples earlier
/// rules appended in the same iteration, because each rule's samples are committed before the next rule runs. Series a rule
/// returned in the previous iteration and not in this one get a stale marker. The evaluation times are
/// <c>interval·k + offset</c>, with an offset derived from the group's file and name so that groups spread over the interval
/// and keep their phase across restarts. One loop (<see cref="RunAsync"/>) owns the group's state.
/// </summary>
public sealed partial class RuleGroup
{
    private readonly RuleGroupOptions _options;
    // Per rule: the series it returned last iteration, with their store refs so appends skip the label lookup.
    private Dictionary<Labels, SeriesRef>[] _previous;
    private readonly Lock _statusLock = new();
    private DateTimeOffset _lastEvaluation;
    private TimeSpan _evaluationDuration;
    private int _lastSamples;

    public RuleGroup(string name, string file, TimeSpan interval, TimeSpan queryOffset, int limit, IReadOnlyList<IRule> rules,
                     RuleGroupOptions options, bool shouldRestore = false)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "a rule group's interval must be positive");
        Name = name;
        File = file;
        Interval = interval;
        QueryOffset = queryOffset;
        Limit = limit;
        Rules = rules;
        ShouldRestore = shouldRestore;
        _options = options;
        _previous = new Dictionary<Labels, SeriesRef>[rules.Count];
        for (int i = 0; i < _previous.Length; i++) _previous[i] = [];
    }

    public string Name { get; }
    public string File { get; }
    public TimeSpan Interval { get; }
    public TimeSpan QueryOffset { get; }
    public int Limit { get; }
    public IReadOnlyList<IRule> Rules { get; }

    /// <summary>"file;name", the <c>rule_group</c> label of the self-metrics and the identity across reloads.</summary>
    public string Key => GroupKey(File, Name);

    /// <summary>True for groups loaded at startup: alert state is restored from ALERTS_FOR_STATE after the second evaluation.</summary>
    public bool ShouldRestore { get; internal set; }

    /// <summary>A fingerprint of the configuration; a reload keeps a running group whose fingerprint did not change.</summary>
    internal string Fingerprint { get; init; } = "";

    public DateTimeOffset LastEvaluation { get { lock (_statusLock) return _lastEvaluation; } }
    public TimeSpan EvaluationDuration { get { lock (_statusLock) return _evaluationDuration; } }
    public int LastEvaluationSamples { get { lock (_statusLock) return _lastSamples; } }

    public static string GroupKey(string file, string name) => file + ";" + name;

    /// <summary>
    /// The latest evaluation time ≤ <paramref name="now"/> on this group's grid (Prometheus's EvalTimestamp): interval-aligned
    /// plus an offset of hash(file, name) mod interval.
    /// </summary>
    public DateTimeOffset EvalTimestamp(DateTimeOffset now)
    {
        long interval = Interval.Ticks;
        long offset = (long)(Labels.FromStrings("name", Name, "file", File).Hash % (ulong)interval);
        long adjusted = now.UtcTicks - offset;
        long baseTicks = adjusted - adjusted % interval;
        return new DateTimeOffset(baseTicks + offset, TimeSpan.Zero);
    }

    /// <summary>Evaluates every rule once at <paramref name="ts"/>, appends the results and hands due alerts to the notifier.</summary>
    public void Eval(DateTimeOffset ts, CancellationToken cancellationToken = default)
    {
        long start = Stopwatch.GetTimestamp();
        int samples = 0;
        for (int i = 0; i < Rules.Count; i++)
        {
            if (cancellationToken.IsCancellationRequested) return;
            var rule = Rules[i];
            long ruleStart = Stopwatch.GetTimestamp();
            _options.Metrics?.Evaluated(Key);
            IReadOnlyList<VectorSample> vector;
            try
            {
                vector = rule.Eval(ts, QueryOffset, _options.Query, Limit, cancellationToken);
            }
            catch (Exception e) when (e is QueryException or RuleEvaluationException)
            {
                rule.SetEvaluationResult(RuleHealth.Err, e.Message, ts, Stopwatch.GetElapsedTime(ruleStart));
                _options.Metrics?.Failed(Key);
                if (e is not QueryException { Kind: QueryErrorKind.Canceled }) Log.EvaluationFailed(_options.Logger, Key, rule.Name, e.Message);
                continue;
            }
            if (rule is AlertingRule ar && _options.Notifier is { } notifier)
            {
                var due = ar.AlertsToSend(ts, _options.ResendDelay, Interval, GeneratorUrl(rule.Query));
                if (due.Count > 0) notifier.NotifyAlerts(rule.Query, due);
            }
            samples += vector.Count;
            string? appendError = Append(i, vector, (ts - QueryOffset).ToUnixTimeMilliseconds());
            rule.SetEvaluationResult(appendError is null ? RuleHealth.Ok : RuleHealth.Err, appendError, ts, Stopwatch.GetElapsedTime(ruleStart));
        }
        lock (_statusLock)
        {
            _lastEvaluation = ts;
            _evaluationDuration = Stopwatch.GetElapsedTime(start);
            _lastSamples = samples;
        }
    }

    /// <summary>Appends one rule's samples and stale markers for its vanished series, committed together.</summary>
    private string? Append(int ruleIndex, IReadOnlyList<VectorSample> vector, long t)
    {
        var app = _options.Appendable.Appender();
        var previous = _previous[ruleIndex];
        var current = new Dictionary<Labels, SeriesRef>(vector.Count);
        int outOfOrder = 0, duplicate = 0;
        foreach (var s in vector)
        {
            var r = previous.GetValueOrDefault(s.Metric, SeriesRef.None);
            switch (app.Append(ref r, s.Metric, s.T, s.F))
            {
                case AppendOutcome.OutOfOrder or AppendOutcome.TooOld: outOfOrder++; break;
                case AppendOutcome.Duplicate: duplicate++; break;
            }
            current[s.Metric] = r;
        }
        foreach (var (gone, goneRef) in previous)
        {
            if (current.ContainsKey(gone)) continue;
            var r = goneRef;
            app.Append(ref r, gone, t, StaleNaN.Value); // out of order here means a newer sample exists: nothing to mark
        }
        try
        {
            app.Commit();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The store could not write (disk full) and rolled back: the rule is unhealthy with the reason, as Prometheus
            // reports a failed commit, and the group goes on evaluating. Last iteration's series stay the previous ones.
            Log.AppendFailed(_options.Logger, Key, Rules[ruleIndex].Name, e.Message);
            return $"appending the rule's samples failed: {e.Message}";
        }
        _previous[ruleIndex] = current;
        if (outOfOrder + duplicate == 0) return null;
        Log.AppendRejected(_options.Logger, Key, Rules[ruleIndex].Name, outOfOrder, duplicate);
        return null; // Prometheus only warns: the rule itself evaluated fine.
    }

    /// <summary>Writes stale markers for every series the group's rules returned last; used when the group is removed.</summary>
    internal void MarkStale(DateTimeOffset ts)
    {
        var app = _options.Appendable.Appender();
        long t = ts.ToUnixTimeMilliseconds();
        foreach (var set in _previous)
        {
            foreach (var (l, seriesRef) in set)
            {
                var r = seriesRef;
                app.Append(ref r, l, t, StaleNaN.Value);
            }
        }
        app.Commit();
        foreach (var set in _previous) set.Clear();
    }

    /// <summary>Takes over alert state and last-iteration series from the group this one replaces on reload.</summary>
    internal void CopyState(RuleGroup old)
    {
        var oldByName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < old.Rules.Count; i++)
        {
            string k = RuleIdentity(old.Rules[i]);
            if (!oldByName.TryGetValue(k, out var list)) oldByName[k] = list = [];
            list.Add(i);
        }
        for (int i = 0; i < Rules.Count; i++)
        {
            if (!oldByName.TryGetValue(RuleIdentity(Rules[i]), out var indexes) || indexes.Count == 0) continue;
            int oi = indexes[0];
            indexes.RemoveAt(0);
            _previous[i] = old._previous[oi];
            old._previous[oi] = [];
            if (Rules[i] is AlertingRule ar && old.Rules[oi] is AlertingRule oldAr) ar.CopyStateFrom(oldAr);
        }
        ShouldRestore = old.ShouldRestore;
        lock (_statusLock)
        {
            (_lastEvaluation, _evaluationDuration, _lastSamples) = (old.LastEvaluation, old.EvaluationDuration, old.LastEvaluationSamples);
        }
    }

    private static string RuleIdentity(IRule r) => (r is AlertingRule ? "alert\xff" : "record\xff") + r.Name + "\xff" + r.Labels;

    /// <summary>Restores alert state of the group's alerting rules from ALERTS_FOR_STATE (see <see cref="AlertingRule.RestoreForState"/>).</summary>
    public void RestoreForState(DateTimeOffset ts)
    {
        long maxt = ts.ToUnixTimeMilliseconds();
        long mint = (ts - _options.OutageTolerance).ToUnixTimeMilliseconds();
        using var q = _options.Queryable.Querier(mint, maxt);
        foreach (var rule in Rules)
        {
            if (rule is AlertingRule ar) ar.RestoreForState(q, ts, _options.ForGracePeriod);
        }
    }

    private string GeneratorUrl(string expr) =>
        _options.ExternalUrl.TrimEnd('/') + "/graph?g0.expr=" + Uri.EscapeDataString(expr) + "&g0.tab=1";

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Evaluating rule failed: group {Group}, rule {Rule}: {Error}")]
        public static partial void EvaluationFailed(ILogger logger, string group, string rule, string error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Rule sample appending failed: group {Group}, rule {Rule}: {OutOfOrder} out of order, {Duplicate} duplicate")]
        public static partial void AppendRejected(ILogger logger, string group, string rule, int outOfOrder, int duplicate);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Rule sample appending failed: group {Group}, rule {Rule}: {Reason}")]
        public static partial void AppendFailed(ILogger logger, string group, string rule, string reason);
    }
}
