using System.Net;
using System.Runtime.InteropServices;
using Argus.Cli;
using Argus.Collect.Node;
using Argus.Collect.Scrape;
using Argus.Config;
using Argus.Config.Alertmanager;
using Argus.Model;
using Argus.Notify;
using Argus.Notify.Forward;
using Argus.Notify.Receivers.Slack;
using Argus.Rules;
using Argus.Serve;
using Argus.Store;
using Argus.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using IQueryable = Argus.Store.IQueryable;

namespace Argus;

/// <summary>
/// The composition root of <c>argus serve</c>: flags → config → store → scraping → web, started in that order and stopped
/// in reverse, each step logged with its duration. A failed reload keeps the running configuration.
/// </summary>
public sealed partial class ArgusServer : IWebServices
{
    private readonly ServeOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly MetricsRegistry _metrics = new();
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly Gauge _reloadSuccess;
    private readonly Gauge _reloadTimestamp;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private readonly DateTimeOffset _startTime = DateTimeOffset.UtcNow;
    private PrometheusConfig _config;
    private string _configYaml;
    private Db? _db;
    private ScrapeManager? _scrape;
    private NotifyService? _notify;
    private SlackOutbox? _slack;
    private AlertForwarder? _forwarder;
    private AlertmanagerDiscovery? _alertmanagerDiscovery;
    private RuleAlertSender? _alertSender;
    private RuleManager? _rules;
    private IReadOnlyList<string> _builtinRuleFiles = [];
    private Collect.KubeState.KubeStateWatcher? _kubeState;
    private Serve.Dashboards.DashboardCatalog? _dashboards;
    private Collect.KubeState.KubeStateCollector? _kubeStateCollector;
    private Collect.Kubernetes.KubeInformerFactory? _kubeInformers;
    private Collect.KubeEvents.KubeAlertContext? _kubeAlertContext;
    private readonly Store.Wal.WalReplayStatus _walReplay = new();
    private readonly Remote.Write.RemoteWriteReceiver? _remoteWriteReceiver;
    private Remote.Write.RemoteWriteStorage? _remoteWrite;

    private ArgusServer(ServeOptions options, ILoggerFactory loggers, PrometheusConfig config)
    {
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger<ArgusServer>();
        _config = config;
        _configYaml = config.ToYaml();
        Engine = new Query.Engine.Engine(new Query.Engine.EngineOptions
        {
            Timeout = options.QueryTimeout,
            LookbackDelta = options.QueryLookbackDelta,
            MaxSamples = options.QueryMaxSamples,
        });
        _reloadSuccess = _metrics.Gauge("argus_config_last_reload_successful", "Whether the last configuration reload attempt was successful.");
        _reloadTimestamp = _metrics.Gauge("argus_config_last_reload_success_timestamp_seconds", "Timestamp of the last successful configuration reload.");
        _reloadSuccess.Set(1);
        _reloadTimestamp.Set(_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
        var start = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        _metrics.Gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", () => start);
        _metrics.Gauge("process_resident_memory_bytes", "Resident memory size in bytes.", () => Environment.WorkingSet);
        _metrics.Gauge("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
            () => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
        _metrics.Gauge("dotnet_gc_heap_size_bytes", "Managed heap size in bytes.", () => GC.GetTotalMemory(false));
        if (options.EnableRemoteWriteReceiver)
        {
            _remoteWriteReceiver = new Remote.Write.RemoteWriteReceiver(() => _db is { Ready: true } db ? db : null, _metrics,
                loggers.CreateLogger<Remote.Write.RemoteWriteReceiver>());
        }
        _metrics.AddCollector(Collect.Kubernetes.KubernetesSdMetrics.Collector);
        _metrics.Gauge("argus_build_info", "A metric with a constant '1' value; the version is in the logs and /api/v1/status/buildinfo.", () => 1);
    }

    /// <summary>
    /// True once start-up has finished, as Prometheus's /-/ready: the store replayed, and scraping, notifications (with the
    /// silences and notification log loaded from disk) and rules started. Until then /-/ready and the APIs answer 503.
    /// </summary>
    public bool Ready => _started && (_db?.Ready ?? false);

    private volatile bool _started;
    public ICollector Metrics => _metrics;
    public Query.Engine.Engine Engine { get; }
    public int MaxConcurrentQueries => Math.Max(1, _options.QueryMaxConcurrency);
    public IQueryable Store => (IQueryable?)_db ?? EmptyStore.Instance;
    public MetricsRegistry Registry => _metrics;
    public Store.Head.HeadStats? TsdbStats(int limit) => _db?.Stats(limit);
    public IReadOnlyList<ScrapePool> ScrapePools => _scrape?.Pools ?? [];
    public Store.Wal.WalReplayStatus WalReplay => _walReplay;
    public IReadOnlyDictionary<string, string> Flags => _options.Flags;
    public RuleManager? Rules => _rules;
    public NotifyService? Alertmanager => _notify;
    public AlertForwarder? AlertForwarder => _forwarder;
    public Serve.Dashboards.DashboardCatalog? Dashboards => _dashboards;
    public Labels ExternalLabels => _config.Global.ExternalLabelSet;
    public Remote.Read.RemoteReadOptions RemoteRead => _options.RemoteRead;
    public string? SnapshotsDirectory => _db is null ? null : Path.Combine(_options.StoragePath, "snapshots");
    public void Snapshot(string dir, bool withHead, long nowMs) => _db!.Snapshot(dir, withHead, nowMs);
    public Remote.Write.RemoteWriteReceiver? RemoteWriteReceiver => _remoteWriteReceiver;

    /// <summary>--web.external-url, or http://&lt;hostname&gt;:&lt;port&gt; as Prometheus derives it.</summary>
    public string ExternalUrl => string.IsNullOrEmpty(_options.ExternalUrl)
        ? $"http://{Dns.GetHostName()}:{ListenPort()}"
        : _options.ExternalUrl.TrimEnd('/');

    public RuntimeInfo RuntimeInfo => new(_startTime, _reloadSuccess.Value == 1,
        DateTimeOffset.FromUnixTimeMilliseconds((long)(_reloadTimestamp.Value * 1000)), StorageRetention());

    /// <summary>As Prometheus prints it: "15d", "10GiB" or "15d or 10GiB".</summary>
    private string StorageRetention()
    {
        string time = PromDuration.Format(_options.RetentionTime);
        return _options.RetentionSizeBytes > 0 ? $"{time} or {new ByteSize(_options.RetentionSizeBytes)}" : time;
    }
    public string ConfigYaml => Volatile.Read(ref _configYaml);

    public static async Task<int> RunAsync(ServeOptions options, CancellationToken stop)
    {
        using var loggers = Logging.Create(options.LogLevel);
        var logger = loggers.CreateLogger<ArgusServer>();
        ListenAddress.TryParse(options.ListenAddress, out IPEndPoint listen, out _);
        var loaded = LoadConfig(options.ConfigFile, listen.Port);
        if (!loaded.Success)
        {
            Log.ConfigInvalid(logger, options.ConfigFile ?? "(embedded default)", loaded.ErrorText);
            return 1;
        }
        var am = LoadAlertmanagerConfig(options.AlertmanagerConfigFile);
        if (!am.Success)
        {
            Log.ConfigInvalid(logger, options.AlertmanagerConfigFile!, am.ErrorText);
            return 1;
        }
        var server = new ArgusServer(options, loggers, loaded.Config!);
        if (server.LoadSecurity() is { } securityError)
        {
            Log.ConfigInvalid(logger, options.WebConfigFile ?? "(environment)", securityError);
            return 1;
        }
        return await server.RunAsync(listen, am.Config!, stop);
    }

    private async Task<int> RunAsync(IPEndPoint listen, AlertmanagerConfigFile amConfig, CancellationToken stop)
    {
        Log.Starting(_logger, VersionInfo.Version, _options.ConfigFile ?? "(embedded default)", _options.StoragePath);
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; Stop(shutdown); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; Stop(shutdown); });
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; _ = ReloadAsync(); });

        _slack = new SlackOutbox(_options.StoragePath, new SlackClient(new HttpClient(), _time), new SlackOutboxOptions(), _time,
            _loggers.CreateLogger<SlackOutbox>(), _metrics);
        _slack.Start();
        _slack.SetDestinations(SlackNotifierFactory.Destinations(amConfig));
        _notify = new NotifyService(amConfig, _options.StoragePath, _time, _metrics, _loggers,
            factories: [new SlackNotifierFactory(_slack, KubeAlertDetails)], externalUrl: ExternalUrl);
        _dashboards = new Serve.Dashboards.DashboardCatalog(_options.DashboardsPath, Serve.Dashboards.DefaultDashboards.Load(), _time,
            _loggers.CreateLogger<Serve.Dashboards.DashboardCatalog>());
        _dashboards.Start();
        var web = WebServer.Build(listen, this, _loggers, _security);
        MapKubeStateMetrics(web);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await web.StartAsync(shutdown.Token);
        }
        catch (IOException e)
        {
            Log.ListenFailed(_logger, _options.ListenAddress, e.Message);
            return 1;
        }
        Log.Listening(_logger, _options.ListenAddress);

        sw.Restart();
        _db = Db.Open(new DbOptions
        {
            Path = _options.StoragePath,
            RetentionTime = _options.RetentionTime,
            RetentionSizeBytes = _options.RetentionSizeBytes,
            MaxSeries = _options.MaxSeries,
            Wal = new Store.Wal.WalOptions { ReplayStatus = _walReplay },
        }, _metrics, _loggers);
        Log.StoreOpened(_logger, _options.StoragePath, sw.Elapsed.TotalSeconds);
        var dbLoop = _db.RunAsync(shutdown.Token);
        _remoteWrite = new Remote.Write.RemoteWriteStorage(Path.Combine(_options.StoragePath, "wal"), _metrics, _time, _loggers)
        {
            MetadataSource = ScrapedMetadata,
        };
        await _remoteWrite.ApplyConfigAsync(_config, ConfigDirectory(_options.ConfigFile));

        _scrape = new ScrapeManager(_db, _metrics, _time, _loggers, OffsetSeed(),
            new Collect.Kubernetes.KubeConnectionOptions { KubeconfigFlag = _options.Kubeconfig, Time = _time });
        await _scrape.AddBuiltinAsync("node", Dns.GetHostName(), NodeCollector.CreateDefault(new NodeOptions(), _time, _loggers.CreateLogger<NodeCollector>()),
            _config.Global.ScrapeInterval);
        await _scrape.ApplyConfigAsync(_config, ConfigDirectory(_options.ConfigFile));
        if (_options.KubeStateMetrics) await StartKubeStateAsync();

        _notify.Start();
        _forwarder = new AlertForwarder(_config.Alerting, AlertmanagerDiscovery.Relabel, _time, _metrics, _loggers.CreateLogger<AlertForwarder>(),
            queueCapacity: _options.NotificationQueueCapacity);
        _alertmanagerDiscovery = new AlertmanagerDiscovery(_forwarder, _time, _loggers,
            new Collect.Kubernetes.KubeConnectionOptions { KubeconfigFlag = _options.Kubeconfig, Time = _time });
        await _alertmanagerDiscovery.ApplyConfigAsync(_config.Alerting);
        _forwarder.Start();
        _alertSender = new RuleAlertSender(_config, _notify, _forwarder, _time);
        if (_options.BuiltinRules) _builtinRuleFiles = BuiltinRules.Extract(Path.Combine(_options.StoragePath, "builtin-rules"));
        // With --rules.query-url every rule is evaluated by the remote API (as vmalert's -datasource.url); outputs still land here.
        using var remoteRules = _options.RulesQuery is { } rq ? new Rules.Remote.RemoteRuleQuery(rq) : null;
        _rules = new RuleManager(new RuleGroupOptions
        {
            Query = remoteRules?.AsRuleQuery() ?? RuleQueries.FromEngine(Engine, _db),
            Appendable = _db.RuleOutput,   // rule output is exempt from --storage.tsdb.max-series
            Queryable = _db,
            Time = _time,
            Notifier = _alertSender,
            Templater = new RuleTemplater(Engine, _db, _config.Global.ExternalLabelSet, ExternalUrl),
            ResendDelay = _options.ResendDelay,
            OutageTolerance = _options.OutageTolerance,
            ForGracePeriod = _options.ForGracePeriod,
            ExternalUrl = ExternalUrl,
            Logger = _loggers.CreateLogger<RuleManager>(),
        }, _metrics);
        var ruleErrors = _rules.Update(_config, _builtinRuleFiles);
        int exitCode = 0;
        if (ruleErrors.Count > 0)
        {
            // As Prometheus: rules that do not load at start-up are a fatal configuration error, not a silent gap.
            Log.ConfigInvalid(_logger, "rule files", string.Join('\n', ruleErrors));
            exitCode = 1;
            shutdown.Cancel();
        }
        _rules.Start();
        WarnAboutInactiveSections(_config);
        _started = true;
        Log.Ready(_logger);

        try
        {
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException)
        {
        }

        Log.Stopping(_logger);
        sw.Restart();
        await _rules.StopAsync();
        Log.Stopped(_logger, "rule evaluation", sw.Elapsed.TotalSeconds);
        sw.Restart();
        await _alertmanagerDiscovery.StopAsync();
        await _forwarder.StopAsync();
        await _notify.StopAsync();
        await _slack.DisposeAsync();
        Log.Stopped(_logger, "notifications", sw.Elapsed.TotalSeconds);
        sw.Restart();
        await _scrape.DisposeAsync();
        if (_kubeState is not null) await _kubeState.DisposeAsync();
        if (_kubeInformers is not null) await _kubeInformers.DisposeAsync();
        Log.Stopped(_logger, "scraping", sw.Elapsed.TotalSeconds);
        sw.Restart();
        await _remoteWrite.DisposeAsync();
        Log.Stopped(_logger, "remote write", sw.Elapsed.TotalSeconds);
        sw.Restart();
        await web.StopAsync(CancellationToken.None);
        _dashboards.Dispose();
        await web.DisposeAsync();
        Log.Stopped(_logger, "web server", sw.Elapsed.TotalSeconds);
        sw.Restart();
        try
        {
            await dbLoop;
        }
        catch (OperationCanceledException)
        {
        }
        await _db.DisposeAsync();
        Log.Stopped(_logger, "store", sw.Elapsed.TotalSeconds);
        return exitCode;
    }

    /// <summary>
    /// The built-in kube-state-metrics: informers keep the collector's view of the cluster current, and it is scraped into
    /// the store as job "kube-state-metrics" (the job name kube-prometheus's rules and dashboards select). Without a
    /// reachable cluster configuration the server runs on without it, saying why.
    /// </summary>
    private async Task StartKubeStateAsync()
    {
        Collect.Kubernetes.KubeConnection connection;
        try
        {
            connection = Collect.Kubernetes.KubeConnection.FromEnvironment(
                new Collect.Kubernetes.KubeConnectionOptions { KubeconfigFlag = _options.Kubeconfig, Time = _time });
        }
        catch (Collect.Kubernetes.KubeConnectionException e)
        {
            Log.KubeStateUnavailable(_logger, e.Message);
            return;
        }
        var collector = new Collect.KubeState.KubeStateCollector();
        _kubeInformers = new Collect.Kubernetes.KubeInformerFactory(connection.Client, _time, _loggers);
        _kubeState = new Collect.KubeState.KubeStateWatcher(_kubeInformers, collector);
        // instance = the API server's host:port, the address the objects come from.
        string instance = Uri.TryCreate(connection.Host, UriKind.Absolute, out var api) ? api.Authority : connection.Host;
        await _scrape!.AddBuiltinAsync("kube-state-metrics", instance, collector, _config.Global.ScrapeInterval);
        _kubeStateCollector = collector;
        // Warnings as signals (docs/kubernetes.md): argus_kube_event_total under job "kube-events", and the recent
        // warnings and container terminations that Slack messages of firing alerts about a pod or workload carry.
        var events = new Collect.KubeEvents.KubeEventIndex();
        var eventWatcher = new Collect.KubeEvents.KubeEventWatcher(_kubeInformers, events, _time);
        await _scrape.AddBuiltinAsync("kube-events", instance, events, _config.Global.ScrapeInterval);
        _kubeAlertContext = eventWatcher.AlertContext;
        Log.KubeStateStarted(_logger, connection.Source);
    }

    /// <summary>
    /// GET /metrics/kube-state: the cluster-state families in the text format, for anything that scrapes kube-state-metrics
    /// (a second Prometheus, a federation). 404 while the collector is off (no cluster connection, --no-kube-state-metrics).
    /// </summary>
    private void MapKubeStateMetrics(WebApplication web) =>
        web.MapGet("/metrics/kube-state", async (Microsoft.AspNetCore.Http.HttpContext ctx) =>
        {
            if (Volatile.Read(ref _kubeStateCollector) is not { } collector)
            {
                ctx.Response.StatusCode = 404;
                await ctx.Response.WriteAsync("cluster-state metrics are not running (see --kube-state-metrics)\n", ctx.RequestAborted);
                return;
            }
            ctx.Response.ContentType = Collect.Exposition.ExpositionContentTypes.PrometheusText;
            var families = new List<MetricFamily>();
            collector.Collect(families);
            await Collect.Exposition.ExpositionWriter.WriteAsync(ctx.Response.Body, families, ctx.RequestAborted);
        });

    /// <summary>Slack sections for an alert about a pod or workload, from the event watcher (none before it runs).</summary>
    private IReadOnlyList<SlackAlertDetail> KubeAlertDetails(Labels labels) =>
        Volatile.Read(ref _kubeAlertContext) is { } context
            ? [.. context.Describe(labels).Select(static r => new SlackAlertDetail(r.Title, r.Lines))]
            : [];

    /// <summary>
    /// A stop request. While the store is still opening (WAL replay can take minutes on a big head) nothing has been
    /// written that needs flushing, so the process exits at once instead of finishing the replay first.
    /// </summary>
    private void Stop(CancellationTokenSource shutdown)
    {
        if (_db is null || !_db.Ready)
        {
            Log.StoppedDuringReplay(_logger);
            Environment.Exit(0);
        }
        shutdown.Cancel();
    }

    public async Task<string?> ReloadAsync()
    {
        await _reloadLock.WaitAsync();
        try
        {
            var loaded = LoadConfig(_options.ConfigFile, ListenPort(), SelfScrapeAuth());
            if (!loaded.Success)
            {
                _reloadSuccess.Set(0);
                Log.ReloadFailed(_logger, loaded.ErrorText);
                return loaded.ErrorText;
            }
            var am = LoadAlertmanagerConfig(_options.AlertmanagerConfigFile);
            if (!am.Success)
            {
                _reloadSuccess.Set(0);
                Log.ReloadFailed(_logger, am.ErrorText);
                return am.ErrorText;
            }
            if (_rules is not null)
            {
                var ruleErrors = _rules.Update(loaded.Config!, _builtinRuleFiles);
                if (ruleErrors.Count > 0)
                {
                    string text = string.Join('\n', ruleErrors);
                    _reloadSuccess.Set(0);
                    Log.ReloadFailed(_logger, text);
                    return text;
                }
            }
            if (_scrape is not null) await _scrape.ApplyConfigAsync(loaded.Config!, ConfigDirectory(_options.ConfigFile));
            _slack?.SetDestinations(SlackNotifierFactory.Destinations(am.Config!));
            _notify?.ApplyConfig(am.Config!);
            if (_alertmanagerDiscovery is not null) await _alertmanagerDiscovery.ApplyConfigAsync(loaded.Config!.Alerting);
            if (_remoteWrite is not null) await _remoteWrite.ApplyConfigAsync(loaded.Config!, ConfigDirectory(_options.ConfigFile));
            _alertSender?.ApplyConfig(loaded.Config!);
            _config = loaded.Config!;
            WarnAboutInactiveSections(_config);
            Volatile.Write(ref _configYaml, _config.ToYaml());
            _reloadSuccess.Set(1);
            _reloadTimestamp.Set(_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
            Log.Reloaded(_logger, _options.ConfigFile ?? "(embedded default)");
            return null;
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    /// <summary>
    /// Sections that load and validate but that this version does not act on yet: say so loudly rather than let an operator
    /// believe alerts are evaluated or samples forwarded.
    /// </summary>
    private void WarnAboutInactiveSections(PrometheusConfig config)
    {
        if (config.RemoteRead.Count > 0) Log.NotYetActive(_logger, "remote_read", "remote reads are not made yet");
    }

    /// <summary>What remote_write's metadata_config sends: every active target's metric families.</summary>
    private IReadOnlyList<Remote.Protocol.MetricMetadata> ScrapedMetadata() =>
        [.. ScrapePools.SelectMany(p => p.ActiveTargets).SelectMany(t => t.Metadata.Snapshot())
            .Select(m => new Remote.Protocol.MetricMetadata((Remote.Protocol.MetricMetadataType)m.Type, m.Family, m.Help, m.Unit))];

    private int ListenPort() => ListenAddress.TryParse(_options.ListenAddress, out var ep, out _) ? ep.Port : DefaultConfig.DefaultListenPort;

    /// <summary>The given alertmanager.yml, or without one a single receiver with no integrations: alerts, groups and silences
    /// still work through the API and UI, nothing is sent.</summary>
    internal static AlertmanagerConfigLoadResult LoadAlertmanagerConfig(string? file)
    {
        var result = file is null
            ? AlertmanagerConfigLoader.LoadString(DefaultAlertmanagerConfig, "(embedded default alertmanager config)")
            : AlertmanagerConfigLoader.LoadFile(file);
        if (!result.Success) return result;
        try
        {
            NotifyService.LoadTemplates(result.Config!, TimeProvider.System);
            return result;
        }
        catch (Exception e) when (e is Template.TemplateException or IOException or UnauthorizedAccessException)
        {
            return result with { Errors = [new ConfigError(file ?? "(embedded default alertmanager config)", 0, 0, $"templates: {e.Message}")] };
        }
    }

    internal const string DefaultAlertmanagerConfig = """
        route:
          receiver: default
          group_by: [alertname]
        receivers:
          - name: default
        """;

    /// <param name="selfScrapeAuth">Appended to the embedded configuration when authentication is on (ArgusServer.Security.cs).</param>
    internal static ConfigLoadResult LoadConfig(string? file, int listenPort, string? selfScrapeAuth = null) =>
        file is null ? ConfigLoader.LoadString(DefaultConfig.ForListenPort(listenPort) + selfScrapeAuth, "(embedded default)") : ConfigLoader.LoadFile(file);
    /// <summary>The --config.file, else the embedded default: inside a pod the Kubernetes one (kubelet, cAdvisor, API server
    /// and annotation-driven jobs), elsewhere the one that scrapes Argus itself.</summary>
    internal static ConfigLoadResult LoadConfig(string? file, int listenPort) =>
        file is not null ? ConfigLoader.LoadFile(file)
        : Collect.Kubernetes.KubernetesDefaultConfig.InCluster()
            ? ConfigLoader.LoadString(Collect.Kubernetes.KubernetesDefaultConfig.ForListenPort(listenPort), "(embedded default)")
            : ConfigLoader.LoadString(DefaultConfig.ForListenPort(listenPort), "(embedded default)");

    private static string ConfigDirectory(string? file) =>
        file is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(file))!;

    /// <summary>Per-host seed for spreading scrape phases, so that two Argus servers scraping the same targets do not align.</summary>
    private static ulong OffsetSeed() => System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(Dns.GetHostName()));

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Configuration {File} is invalid:\n{Errors}")]
        public static partial void ConfigInvalid(ILogger logger, string file, string errors);

        [LoggerMessage(Level = LogLevel.Information, Message = "Starting Argus {Version} with config {File}, storage {Path}")]
        public static partial void Starting(ILogger logger, string version, string file, string path);

        [LoggerMessage(Level = LogLevel.Error, Message = "Cannot listen on {Address}: {Reason}")]
        public static partial void ListenFailed(ILogger logger, string address, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {Address}")]
        public static partial void Listening(ILogger logger, string address);

        [LoggerMessage(Level = LogLevel.Information, Message = "Store at {Path} opened in {Duration:F3}s")]
        public static partial void StoreOpened(ILogger logger, string path, double duration);

        [LoggerMessage(Level = LogLevel.Information, Message = "Server is ready to receive web requests")]
        public static partial void Ready(ILogger logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Stop requested while the store was still opening: exiting without waiting for the WAL replay")]
        public static partial void StoppedDuringReplay(ILogger logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Stopping")]
        public static partial void Stopping(ILogger logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Stopped {Stage} in {Duration:F3}s")]
        public static partial void Stopped(ILogger logger, string stage, double duration);

        [LoggerMessage(Level = LogLevel.Error, Message = "Reloading configuration failed; the previous configuration keeps running:\n{Errors}")]
        public static partial void ReloadFailed(ILogger logger, string errors);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Configuration section {Section} is accepted but not active in this version: {Consequence}")]
        public static partial void NotYetActive(ILogger logger, string section, string consequence);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster-state metrics are off: no Kubernetes connection ({Reason})")]
        public static partial void KubeStateUnavailable(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Cluster-state metrics: watching the cluster through {Source}")]
        public static partial void KubeStateStarted(ILogger logger, string source);

        [LoggerMessage(Level = LogLevel.Information, Message = "Configuration {File} reloaded")]
        public static partial void Reloaded(ILogger logger, string file);
    }
}
