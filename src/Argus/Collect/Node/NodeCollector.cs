using Argus.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Collect.Node;

/// <summary>
/// Host metrics compatible with node-exporter: runs each named sub-collector in turn and adds
/// node_scrape_collector_success and node_scrape_collector_duration_seconds per collector. A failing collector yields
/// success 0 and whatever it produced before failing; it never breaks the others. One Collect call at a time.
/// </summary>
public sealed partial class NodeCollector : ICollector
{
    private static readonly MetricDesc s_duration = new(
        "node_scrape_collector_duration_seconds", MetricType.Gauge, "node_exporter: Duration of a collector scrape.", "collector");
    private static readonly MetricDesc s_success = new(
        "node_scrape_collector_success", MetricType.Gauge, "node_exporter: Whether a collector succeeded.", "collector");

    private readonly (string Name, ICollector Collector)[] _collectors;
    private readonly Labels[] _durationLabels;
    private readonly Labels[] _successLabels;
    private readonly bool[] _failing;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public NodeCollector(IEnumerable<(string Name, ICollector Collector)> collectors, TimeProvider time, ILogger<NodeCollector>? logger = null)
    {
        _collectors = [.. collectors];
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _durationLabels = new Labels[_collectors.Length];
        _successLabels = new Labels[_collectors.Length];
        _failing = new bool[_collectors.Length];
        for (int i = 0; i < _collectors.Length; i++)
        {
            _durationLabels[i] = s_duration.With(_collectors[i].Name);
            _successLabels[i] = s_success.With(_collectors[i].Name);
        }
    }

    /// <summary>The names of the collectors <see cref="CreateDefault"/> enables, as node-exporter's --collector.&lt;name&gt;.</summary>
    public static IReadOnlyList<string> DefaultCollectorNames { get; } =
    [
        "bonding", "conntrack", "cpu", "diskstats", "filefd", "filesystem", "loadavg", "meminfo", "netclass", "netdev",
        "pressure", "stat", "time", "timex", "uname", "vmstat",
    ];

    /// <summary>Every host collector Argus implements, reading the paths in <paramref name="options"/>.</summary>
    public static NodeCollector CreateDefault(NodeOptions options, TimeProvider time, ILogger<NodeCollector>? logger = null) =>
        new(DefaultCollectorNames.Select(n => (n, Create(n, options, time))), time, logger);

    /// <summary>One collector by its node-exporter name.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="DefaultCollectorNames"/>.</exception>
    public static ICollector Create(string name, NodeOptions options, TimeProvider time) => name switch
    {
        "bonding" => new BondingCollector(options),
        "conntrack" => new ConntrackCollector(options),
        "cpu" => new CpuCollector(options),
        "diskstats" => new DiskstatsCollector(options),
        "filefd" => new FilefdCollector(options),
        "filesystem" => new FilesystemCollector(options),
        "loadavg" => new LoadavgCollector(options),
        "meminfo" => new MeminfoCollector(options),
        "netclass" => new NetclassCollector(options),
        "netdev" => new NetdevCollector(options),
        "pressure" => new PressureCollector(options),
        "stat" => new StatCollector(options),
        "time" => new TimeCollector(options, time),
        "timex" => new TimexCollector(),
        "uname" => new UnameCollector(),
        "vmstat" => new VmstatCollector(options),
        _ => throw new ArgumentException($"unknown host collector \"{name}\"; known: {string.Join(", ", DefaultCollectorNames)}", nameof(name)),
    };

    public void Collect(List<MetricFamily> into)
    {
        var durations = new MetricPoint[_collectors.Length];
        var successes = new MetricPoint[_collectors.Length];
        for (int i = 0; i < _collectors.Length; i++)
        {
            (string name, ICollector collector) = _collectors[i];
            long start = _time.GetTimestamp();
            bool ok = true;
            try
            {
                collector.Collect(into);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                ok = false;
                if (!_failing[i])
                {
                    if (e is NoDataException)
                    {
                        Log.CollectorNoData(_logger, name, e.Message);
                    }
                    else
                    {
                        Log.CollectorFailed(_logger, name, e);
                    }
                }
            }
            if (ok && _failing[i])
            {
                Log.CollectorRecovered(_logger, name);
            }
            _failing[i] = !ok;
            double seconds = _time.GetElapsedTime(start).TotalSeconds;
            durations[i] = new MetricPoint(_durationLabels[i], seconds);
            successes[i] = new MetricPoint(_successLabels[i], ok ? 1 : 0);
        }
        into.Add(s_duration.Family(durations));
        into.Add(s_success.Family(successes));
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Host collector {Collector} failed")]
        public static partial void CollectorFailed(ILogger logger, string collector, Exception exception);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Host collector {Collector} returned no data: {Reason}")]
        public static partial void CollectorNoData(ILogger logger, string collector, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Host collector {Collector} succeeded again")]
        public static partial void CollectorRecovered(ILogger logger, string collector);
    }
}
