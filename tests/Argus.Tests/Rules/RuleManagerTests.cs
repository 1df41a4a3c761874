using Argus.Model;
using Argus.Rules;
using Argus.Rules.Testing;
using Microsoft.Extensions.Time.Testing;
using static Argus.Tests.Rules.RuleTestKit;

namespace Argus.Tests.Rules;

public sealed class RuleManagerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-rules-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string yaml)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private const string Good = """
        groups:
        - name: g
          interval: 1m
          rules:
          - record: job:up:sum
            expr: sum by (job) (up)
          - alert: Down
            expr: up == 0
            labels: {severity: page}
        """;

    [Fact]
    public void Update_BadFile_KeepsOldRulesAndReportsFileLine()
    {
        var store = Load(60);
        var manager = new RuleManager(Options(store));
        string path = Write("r.yml", Good);
        Assert.Empty(manager.Update([path], TimeSpan.FromMinutes(1), TimeSpan.Zero));
        var before = manager.Groups;
        File.WriteAllText(path, Good.Replace("sum by (job) (up)", "sum by (job) (up", StringComparison.Ordinal));
        var errors = manager.Update([path], TimeSpan.FromMinutes(1), TimeSpan.Zero);
        var e = Assert.Single(errors);
        Assert.Equal(path, e.File);
        Assert.Equal(6, e.Line);
        Assert.Contains("group \"g\", rule 1, \"job:up:sum\": could not parse expression: 1:", e.Message);
        Assert.Same(before, manager.Groups);
    }

    [Fact]
    public void Update_Config_ExpandsGlobsAndUsesGlobalDefaults()
    {
        var store = Load(60);
        var manager = new RuleManager(Options(store));
        Write("a.yml", Good.Replace("  interval: 1m\n", "", StringComparison.Ordinal));
        Write("b.yml", Good.Replace("name: g", "name: h", StringComparison.Ordinal));
        var config = new Argus.Config.PrometheusConfig
        {
            RuleFiles = [Path.Combine(_dir, "*.yml")],
            Global = new Argus.Config.GlobalConfig { EvaluationInterval = TimeSpan.FromSeconds(20), RuleQueryOffset = TimeSpan.FromSeconds(5) },
        };
        Assert.Empty(manager.Update(config));
        Assert.Equal(["g", "h"], manager.Groups.Select(g => g.Name));
        Assert.Equal((TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5)), (manager.Groups[0].Interval, manager.Groups[0].QueryOffset));
        Assert.Equal(TimeSpan.FromMinutes(1), manager.Groups[1].Interval);
    }

    [Fact]
    public void Constructor_Registry_ExposesGroupGauges()
    {
        var registry = new Argus.Telemetry.MetricsRegistry();
        var manager = new RuleManager(Options(Load(60)), registry);
        manager.Update([Write("r.yml", Good)], TimeSpan.FromMinutes(1), TimeSpan.Zero);
        var families = new List<MetricFamily>();
        registry.Collect(families);
        var rules = families.Single(f => f.Name == "prometheus_rule_group_rules");
        Assert.Equal(2, Assert.Single(rules.Points).Value);
        Assert.Equal(Path.Combine(_dir, "r.yml") + ";g", rules.Points[0].Labels.Get("rule_group"));
        Assert.Equal(60, families.Single(f => f.Name == "prometheus_rule_group_interval_seconds").Points[0].Value);
    }

    [Fact]
    public void Update_UnchangedGroupKeepsRunning_ChangedGroupKeepsAlertState()
    {
        var store = Load(60, "up{instance=\"a\"} 0x10");
        var manager = new RuleManager(Options(store));
        string path = Write("r.yml", Good);
        manager.Update([path], TimeSpan.FromMinutes(1), TimeSpan.Zero);
        var first = manager.Groups[0];
        first.Eval(T0);
        manager.Update([path], TimeSpan.FromMinutes(1), TimeSpan.Zero);
        Assert.Same(first, manager.Groups[0]);

        File.WriteAllText(path, Good.Replace("interval: 1m", "interval: 2m", StringComparison.Ordinal));
        manager.Update([path], TimeSpan.FromMinutes(1), TimeSpan.Zero);
        Assert.NotSame(first, manager.Groups[0]);
        var rule = (AlertingRule)manager.Groups[0].Rules[1];
        Assert.Equal(T0, Assert.Single(rule.ActiveAlerts).ActiveAt);
    }

    [Fact]
    public void Update_RemovedGroupNeverStarted_MarksItsSeriesStaleAtOnce()
    {
        var store = Load(60, "up{instance=\"a\", job=\"j\"} 0x10");
        var time = new FakeTimeProvider(T0.AddMinutes(3));
        var manager = new RuleManager(Options(store, time: time));
        string path = Write("r.yml", Good);
        manager.Update([path], TimeSpan.FromMinutes(1), TimeSpan.Zero);
        manager.Groups[0].Eval(T0.AddMinutes(2));
        manager.Update([], TimeSpan.FromMinutes(1), TimeSpan.Zero);
        Assert.Empty(manager.Groups);
        var last = Last(store, "job:up:sum");
        Assert.Equal(180_000, last!.Value.T);
        Assert.True(StaleNaN.IsStale(last.Value.V));
    }

    [Fact]
    public async Task Update_RemovedRunningGroup_MarksStaleAfterTwoIntervalsUnlessARenamedGroupTookTheSeriesOver()
    {
        var store = Load(60, "up{instance=\"a\", job=\"j\"} 0x10");
        var time = new FakeTimeProvider(T0.AddMinutes(2).AddSeconds(30));
        var manager = new RuleManager(Options(store, time: time));
        string path = Write("r.yml", Good);
        manager.Update([path], TimeSpan.FromMinutes(1), TimeSpan.Zero);
        manager.Start();
        var group = manager.Groups[0];
        await AdvanceUntil(time, () => group.LastEvaluation != default);
        var evaluated = Last(store, "job:up:sum")!.Value.T;

        // Rename the group; the new one records the same series. Its first evaluation lands before the old group's markers.
        File.WriteAllText(path, Good.Replace("name: g", "name: renamed", StringComparison.Ordinal));
        manager.Update([path], TimeSpan.FromMinutes(1), TimeSpan.Zero);
        var stoppedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.False(StaleNaN.IsStale(Last(store, "job:up:sum")!.Value.V));
        var renamed = manager.Groups[0];
        await AdvanceUntil(time, () => renamed.LastEvaluation != default && renamed.LastEvaluation.ToUnixTimeMilliseconds() > evaluated);
        time.Advance(TimeSpan.FromMinutes(2));
        await Task.Delay(50);
        var series = Samples(store, "job:up:sum");
        Assert.DoesNotContain(series, s => StaleNaN.IsStale(s.V)); // the marker at stoppedAt came after a newer sample: rejected
        Assert.True(series[^1].T > stoppedAt);

        // Removing the group for good: nothing happens for two intervals, then the series ends at the time it stopped.
        manager.Update([], TimeSpan.FromMinutes(1), TimeSpan.Zero);
        long removedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        time.Advance(TimeSpan.FromSeconds(119));
        await Task.Delay(50);
        Assert.False(StaleNaN.IsStale(Last(store, "job:up:sum")!.Value.V));
        time.Advance(TimeSpan.FromSeconds(1));
        for (int i = 0; i < 200 && !StaleNaN.IsStale(Last(store, "job:up:sum")!.Value.V); i++) await Task.Delay(10);
        Assert.Equal(removedAt, Last(store, "job:up:sum")!.Value.T);
        Assert.All(Samples(store, "job:up:sum"), s => Assert.True(s.T <= removedAt, "no evaluation ahead of the clock"));
        await manager.StopAsync();
    }

    [Fact]
    public async Task Start_FakeClock_EvaluatesOnTheGroupGridAndRestoresAfterTheSecondEvaluation()
    {
        var store = Load(15, "up{instance=\"a\", job=\"j\"} 0x100");
        var time = new FakeTimeProvider(T0.AddMinutes(1));
        var notifier = new RecordingNotifier();
        var manager = new RuleManager(Options(store, notifier, time));
        string path = Write("r.yml", Good.Replace("interval: 1m", "interval: 15s", StringComparison.Ordinal));
        manager.Update([path], TimeSpan.FromMinutes(1), TimeSpan.Zero);
        var group = manager.Groups[0];
        var alerting = (AlertingRule)group.Rules[1];
        Assert.False(alerting.Restored);
        manager.Start();
        await AdvanceUntil(time, () => group.LastEvaluation != default);
        Assert.Equal(group.EvalTimestamp(group.LastEvaluation), group.LastEvaluation);
        await AdvanceUntil(time, () => alerting.Restored);
        Assert.NotEmpty(notifier.Batches);
        await manager.StopAsync();
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Start_RealClock_ShortIntervalWritesRecordedSeries()
    {
        var store = new MemoryStore();
        var now = DateTimeOffset.UtcNow;
        var up = Labels.FromStrings("__name__", "up", "job", "j", "instance", "a");
        for (int i = -5; i < 60; i++) store.Add(up, now.AddSeconds(i).ToUnixTimeMilliseconds(), 1);
        var manager = new RuleManager(Options(store));
        string path = Write("r.yml", Good.Replace("interval: 1m", "interval: 100ms", StringComparison.Ordinal));
        manager.Update([path], TimeSpan.FromMinutes(1), TimeSpan.Zero);
        manager.Start();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Last(store, "job:up:sum") is null && DateTime.UtcNow < deadline) await Task.Delay(50);
        await manager.StopAsync();
        Assert.Equal(1, Last(store, "job:up:sum")!.Value.V);
    }

    /// <summary>Moves the fake clock a second at a time, letting the loops run in between, until the condition holds.</summary>
    private static async Task AdvanceUntil(FakeTimeProvider time, Func<bool> condition)
    {
        for (int i = 0; i < 600 && !condition(); i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }
        Assert.True(condition(), "condition not reached within 10 fake minutes");
    }
}
