using Argus.Model;
using Argus.Query.Engine;
using Argus.Query.Parser;
using Argus.Rules;
using Argus.Rules.Testing;

namespace Argus.Tests.Rules;

/// <summary>Builds rules and groups over a <see cref="MemoryStore"/> loaded from the series notation.</summary>
internal static class RuleTestKit
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    /// <summary>Loads <c>series values</c> lines with one step per <paramref name="stepSeconds"/> from time 0.</summary>
    public static MemoryStore Load(int stepSeconds, params string[] lines)
    {
        var store = new MemoryStore();
        foreach (var line in lines)
        {
            var (labels, values) = SeriesNotation.ParseSeriesLine(line, "test");
            for (int i = 0; i < values.Count; i++)
            {
                if (values[i].Value is double v) store.Add(labels, i * stepSeconds * 1000L, v);
            }
        }
        return store;
    }

    public static RuleGroupOptions Options(MemoryStore store, IAlertNotifier? notifier = null, TimeProvider? time = null) => new()
    {
        Query = RuleQueries.FromEngine(new Engine(new EngineOptions()), store),
        Appendable = store,
        Queryable = store,
        Notifier = notifier,
        Templater = new TestTemplater(),
        Time = time ?? TimeProvider.System,
    };

    public static AlertingRule Alerting(string name, string expr, string @for = "0s", string keepFiringFor = "0s", params string[] labels) =>
        new(name, PromQLParser.ParseExpr(expr), Argus.Config.PromDuration.Parse(@for), Argus.Config.PromDuration.Parse(keepFiringFor),
            Labels.FromStrings(labels), new Dictionary<string, string> { ["summary"] = "{{ $labels.instance }} is {{ $value }}" },
            new TestTemplater(), restored: true);

    /// <summary>The newest sample of the single series matching <paramref name="selector"/>, or null.</summary>
    public static (long T, double V)? Last(MemoryStore store, string selector) =>
        Samples(store, selector) is { Count: > 0 } all ? all[^1] : null;

    /// <summary>Every sample of the series matching <paramref name="selector"/>, series after series.</summary>
    public static List<(long T, double V)> Samples(MemoryStore store, string selector)
    {
        var matchers = PromQLParser.ParseMetricSelector(selector).ToArray();
        using var q = store.Querier(long.MinValue, long.MaxValue);
        var set = q.Select(true, matchers);
        var all = new List<(long, double)>();
        while (set.Next())
        {
            var it = set.At.Iterator();
            while (it.Next()) all.Add((it.T, it.V));
        }
        return all;
    }
}
