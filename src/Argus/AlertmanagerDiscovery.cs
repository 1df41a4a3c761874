using System.Threading.Channels;
using Argus.Collect.Discovery;
using Argus.Collect.Kubernetes;
using Argus.Collect.Relabel;
using Argus.Config;
using Argus.Model;
using Argus.Notify.Forward;
using Microsoft.Extensions.Logging;

namespace Argus;

/// <summary>
/// Runs the service discovery of every <c>alerting.alertmanagers</c> entry (static_configs, file_sd_configs,
/// kubernetes_sd_configs, through the same discoverers as scrape configs) and keeps the entry's
/// <see cref="AlertmanagerSet"/> in step: each update merges the provider's groups by source and re-syncs the set, so
/// Alertmanager pods coming and going change where alerts go without a reload. On a reload an entry whose YAML is
/// unchanged keeps its running discoverers (as Prometheus's discovery manager keeps unchanged providers); the others
/// are stopped and started anew.
/// </summary>
public sealed partial class AlertmanagerDiscovery : IAsyncDisposable
{
    private readonly AlertForwarder _forwarder;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly KubeConnectionOptions? _kube;
    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private List<Runner> _runners = [];

    public AlertmanagerDiscovery(AlertForwarder forwarder, TimeProvider time, ILoggerFactory loggers, KubeConnectionOptions? kube = null)
    {
        _forwarder = forwarder;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<AlertmanagerDiscovery>();
        _kube = kube;
    }

    /// <summary>Relabelling for the forwarder: Collect's <see cref="Relabeler"/>.</summary>
    public static readonly RelabelProcessor Relabel = Relabeler.Process;

    /// <summary>Applies <paramref name="config"/> to the forwarder and starts (or keeps) the discovery of each entry.</summary>
    public async Task ApplyConfigAsync(AlertingConfig config)
    {
        await _applyLock.WaitAsync();
        try
        {
            _forwarder.ApplyConfig(config);
            var unused = new List<Runner>(_runners);
            var next = new List<Runner>();
            foreach (var set in _forwarder.Sets)
            {
                int old = unused.FindIndex(r => r.ConfigHash == set.ConfigHash);
                if (old >= 0)
                {
                    var kept = unused[old];
                    unused.RemoveAt(old);
                    kept.Bind(set);
                    next.Add(kept);
                    continue;
                }
                var discoverers = Discoverers.Create(set.Config.StaticConfigs, set.Config.FileSdConfigs, _time, _loggers,
                    set.Config.KubernetesSdConfigs, _kube);
                var runner = new Runner(set, discoverers, _logger);
                runner.Start();
                next.Add(runner);
            }
            _runners = next;
            foreach (var r in unused) await r.StopAsync();
        }
        finally
        {
            _applyLock.Release();
        }
    }

    public async Task StopAsync()
    {
        await _applyLock.WaitAsync();
        try
        {
            foreach (var r in _runners) await r.StopAsync();
            _runners = [];
        }
        finally
        {
            _applyLock.Release();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The discoverers of one entry and the groups they last reported, keyed by (provider, source).</summary>
    private sealed class Runner(AlertmanagerSet set, IReadOnlyList<IDiscoverer> discoverers, ILogger logger)
    {
        private readonly Lock _lock = new();
        private readonly SortedDictionary<(string Provider, string Source), TargetGroup> _groups = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Task> _tasks = [];
        private AlertmanagerSet _set = set;

        public string ConfigHash { get; } = set.ConfigHash;

        public void Start()
        {
            foreach (var d in discoverers)
            {
                var channel = Channel.CreateBounded<IReadOnlyList<TargetGroup>>(new BoundedChannelOptions(4)
                {
                    FullMode = BoundedChannelFullMode.Wait,
                    SingleReader = true,
                    SingleWriter = true,
                });
                _tasks.Add(RunAsync(d, channel.Writer));
                _tasks.Add(ConsumeAsync(d.Name, channel.Reader));
            }
        }

        /// <summary>Hands the discovered groups to the set that replaced the previous one on a reload.</summary>
        public void Bind(AlertmanagerSet next)
        {
            lock (_lock)
            {
                _set = next;
                if (_groups.Count > 0) SyncLocked();
            }
        }

        private async Task RunAsync(IDiscoverer d, ChannelWriter<IReadOnlyList<TargetGroup>> writer)
        {
            try
            {
                await d.RunAsync(writer, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                Log.DiscoveryFailed(logger, _set.Key, d.Name, e);
            }
            finally
            {
                writer.TryComplete();
            }
        }

        private async Task ConsumeAsync(string provider, ChannelReader<IReadOnlyList<TargetGroup>> reader)
        {
            try
            {
                await foreach (var update in reader.ReadAllAsync(_stop.Token))
                {
                    lock (_lock)
                    {
                        foreach (var g in update)
                        {
                            if (g.Targets.Count == 0) _groups.Remove((provider, g.Source));
                            else _groups[(provider, g.Source)] = g;
                        }
                        SyncLocked();
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        }

        private void SyncLocked() => _set.Sync(_groups.Values.Select(g => (g.Targets, g.GroupLabels)));

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_tasks);
            _stop.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Alertmanager discovery {Provider} of {Config} failed")]
        public static partial void DiscoveryFailed(ILogger logger, string config, string provider, Exception e);
    }
}
