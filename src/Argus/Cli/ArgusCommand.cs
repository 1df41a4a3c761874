using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Argus.Config;
using Argus.Rules;
using Argus.Rules.Testing;
using Argus.Telemetry;

namespace Argus.Cli;

/// <summary>
/// The <c>argus</c> command line. Flag names are Prometheus's (and node-exporter's for the agent), so existing deployment
/// manifests translate by renaming the binary. Parse errors print a message and exit with code 2.
/// </summary>
public static class ArgusCommand
{
    public const int ExitUsage = 2;

    public static RootCommand Build(Func<ServeOptions, CancellationToken, Task<int>> serve,
                                    Func<AgentOptions, CancellationToken, Task<int>> agent,
                                    Func<IReadOnlyList<string>, TextWriter, TextWriter, int> checkConfig,
                                    Func<string, string, TextWriter, TextWriter, int> importOpenMetrics,
                                    IAlertTemplater? templater = null, AlertTemplaterFactory? templaters = null)
    {
        var root = new RootCommand("Argus: Kubernetes cluster monitoring with Slack alerting, compatible with Prometheus, Alertmanager, node-exporter, kube-state-metrics and Grafana.");
        var serveFlags = new ServeFlags();
        serveFlags.AddTo(root);
        root.SetAction((r, ct) => serve(serveFlags.Read(r), ct));

        var serveCmd = new Command("serve", "Run the server (the default when no verb is given).");
        var serveFlags2 = new ServeFlags();
        serveFlags2.AddTo(serveCmd);
        serveCmd.SetAction((r, ct) => serve(serveFlags2.Read(r), ct));
        root.Subcommands.Add(serveCmd);

        var agentCmd = new Command("agent", "Serve this host's metrics (node-exporter compatible) on /metrics, for a DaemonSet.");
        var agentListen = ListenOption("0.0.0.0:9100");
        var procfs = new Option<string>("--path.procfs") { Description = "procfs mountpoint.", DefaultValueFactory = _ => "/proc" };
        var sysfs = new Option<string>("--path.sysfs") { Description = "sysfs mountpoint.", DefaultValueFactory = _ => "/sys" };
        var rootfs = new Option<string>("--path.rootfs") { Description = "rootfs mountpoint (the host's / when run in a container).", DefaultValueFactory = _ => "/" };
        var agentLog = LogLevelOption();
        var agentWebConfig = new Option<string?>("--web.config.file") { Description = "Path to a web configuration file (exporter-toolkit's format) that can enable TLS or basic authentication, as node-exporter's." };
        foreach (var o in new Option[] { agentListen, procfs, sysfs, rootfs, agentLog, agentWebConfig }) agentCmd.Options.Add(o);
        agentCmd.SetAction((r, ct) => agent(new AgentOptions
        {
            ListenAddress = r.GetValue(agentListen)!,
            ProcPath = r.GetValue(procfs)!,
            SysPath = r.GetValue(sysfs)!,
            RootPath = r.GetValue(rootfs)!,
            LogLevel = r.GetValue(agentLog)!,
            WebConfigFile = r.GetValue(agentWebConfig),
        }, ct));
        root.Subcommands.Add(agentCmd);

        var check = new Command("check", "Check files for errors.");
        var checkConfigCmd = new Command("config", "Validate prometheus.yml files; prints every error with file:line:column.");
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "Configuration files." };
        checkConfigCmd.Arguments.Add(files);
        checkConfigCmd.SetAction(r => checkConfig(r.GetValue(files)!, Console.Out, Console.Error));
        check.Subcommands.Add(checkConfigCmd);
        check.Subcommands.Add(BuildCheckRules(templater));
        root.Subcommands.Add(check);
        root.Subcommands.Add(BuildTestRules(templaters));

        var version = new Command("version", "Print the version.");
        version.SetAction(_ =>
        {
            Console.Out.WriteLine(VersionInfo.Text);
            return 0;
        });
        root.Subcommands.Add(version);

        root.Subcommands.Add(BuildQuery());

        var tsdb = new Command("tsdb", "Operate on the time-series store.");
        var import = new Command("import", "Import samples into the store as blocks (backfill).");
        var importOm = new Command("openmetrics", "Import an OpenMetrics text file (timestamps in seconds, ending in # EOF), like promtool tsdb create-blocks-from openmetrics.");
        var omFile = new Argument<string>("FILE") { Description = "OpenMetrics input file." };
        var omDir = new Argument<string?>("DIR") { Description = "Store directory (overrides --storage.tsdb.path).", Arity = ArgumentArity.ZeroOrOne };
        var omPath = new Option<string>("--storage.tsdb.path") { Description = "Store directory.", DefaultValueFactory = _ => "data" };
        importOm.Arguments.Add(omFile);
        importOm.Arguments.Add(omDir);
        importOm.Options.Add(omPath);
        importOm.SetAction(r => importOpenMetrics(r.GetValue(omFile)!, r.GetValue(omDir) ?? r.GetValue(omPath)!, Console.Out, Console.Error));
        import.Subcommands.Add(importOm);
        tsdb.Subcommands.Add(import);
        root.Subcommands.Add(tsdb);
        return root;
    }

    /// <summary><c>argus check rules FILE…</c>, as promtool's.</summary>
    private static Command BuildCheckRules(IAlertTemplater? templater)
    {
        var cmd = new Command("rules", "Check rule files: syntax, expressions, templates and duplicate rules, as promtool check rules.");
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "Rule files." };
        var lint = new Option<string>("--lint") { Description = "Linting checks to apply: duplicate-rules or none.", DefaultValueFactory = _ => "duplicate-rules" };
        lint.AcceptOnlyFromAmong("duplicate-rules", "all", "none");
        var lintFatal = new Option<bool>("--lint-fatal") { Description = "Make lint findings exit with status 3." };
        cmd.Arguments.Add(files);
        cmd.Options.Add(lint);
        cmd.Options.Add(lintFatal);
        cmd.SetAction(r => CheckRulesCommand.Run(r.GetValue(files)!, templater, r.GetValue(lint) != "none", r.GetValue(lintFatal), Console.Out, Console.Error));
        return cmd;
    }

    /// <summary><c>argus test rules TEST.yml…</c>, as promtool's.</summary>
    private static Command BuildTestRules(AlertTemplaterFactory? templaters)
    {
        var test = new Command("test", "Unit testing.");
        var cmd = new Command("rules", "Run promtool-format rule unit tests; exit 0 when all pass, 1 when any fails.");
        var files = new Argument<string[]>("TEST") { Arity = ArgumentArity.OneOrMore, Description = "Unit test files." };
        cmd.Arguments.Add(files);
        cmd.SetAction(r => TestRulesCommand.Run(r.GetValue(files)!, templaters, Console.Out, Console.Error));
        test.Subcommands.Add(cmd);
        return test;
    }

    /// <summary><c>argus query instant|range SERVER EXPR</c>, as promtool's query verbs.</summary>
    private static Command BuildQuery()
    {
        var query = new Command("query", "Run a PromQL query against a Prometheus-compatible server (Argus or Prometheus) and print the result.");
        var output = new Option<string>("--output", "-o") { Description = "Output format: promql (text) or json.", DefaultValueFactory = _ => "promql" };
        output.AcceptOnlyFromAmong("promql", "json");

        var instant = new Command("instant", "Instant query.");
        var iServer = new Argument<string>("SERVER") { Description = "Server URL, e.g. http://localhost:9090." };
        var iExpr = new Argument<string>("EXPR") { Description = "PromQL expression." };
        var iTime = new Option<string?>("--time") { Description = "Evaluation time (Unix seconds or RFC 3339); default now." };
        instant.Arguments.Add(iServer);
        instant.Arguments.Add(iExpr);
        instant.Options.Add(iTime);
        instant.Options.Add(output);
        instant.SetAction((r, ct) => QueryCommand.InstantAsync(r.GetValue(iServer)!, r.GetValue(iExpr)!, r.GetValue(iTime), r.GetValue(output)!,
            Console.Out, Console.Error, ct));

        var range = new Command("range", "Range query.");
        var rServer = new Argument<string>("SERVER") { Description = "Server URL, e.g. http://localhost:9090." };
        var rExpr = new Argument<string>("EXPR") { Description = "PromQL expression." };
        var start = new Option<string?>("--start") { Description = "Start (Unix seconds or RFC 3339); default 5 minutes ago." };
        var end = new Option<string?>("--end") { Description = "End (Unix seconds or RFC 3339); default now." };
        var step = new Option<string?>("--step") { Description = "Step (seconds or duration); default 15s." };
        range.Arguments.Add(rServer);
        range.Arguments.Add(rExpr);
        foreach (var o in new Option[] { start, end, step, output }) range.Options.Add(o);
        range.SetAction((r, ct) => QueryCommand.RangeAsync(r.GetValue(rServer)!, r.GetValue(rExpr)!, r.GetValue(start), r.GetValue(end),
            r.GetValue(step), r.GetValue(output)!, Console.Out, Console.Error, ct));

        query.Subcommands.Add(instant);
        query.Subcommands.Add(range);
        return query;
    }

    /// <summary>Parses and runs; usage errors exit with 2 after printing every error.</summary>
    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter stderr, CancellationToken stop = default)
    {
        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var e in result.Errors) await stderr.WriteLineAsync("argus: error: " + e.Message);
            await stderr.WriteLineAsync("Run 'argus --help' for usage.");
            return ExitUsage;
        }
        return await result.InvokeAsync(cancellationToken: stop);
    }

    internal static Option<string> ListenOption(string defaultValue)
    {
        var o = new Option<string>("--web.listen-address") { Description = "Address to listen on for the UI, API and telemetry.", DefaultValueFactory = _ => defaultValue };
        o.Validators.Add(r =>
        {
            if (!ListenAddress.TryParse(r.GetValueOrDefault<string>(), out _, out var err)) r.AddError("--web.listen-address: " + err);
        });
        return o;
    }

    internal static Option<string> LogLevelOption()
    {
        var o = new Option<string>("--log.level") { Description = "Only log messages with the given severity or above: debug, info, warn, error.", DefaultValueFactory = _ => "info" };
        o.AcceptOnlyFromAmong("debug", "info", "warn", "error");
        return o;
    }

    private static Option<string> DurationOption(string name, string description, string defaultValue)
    {
        var o = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        o.Validators.Add(r =>
        {
            if (!PromDuration.TryParse(r.GetValueOrDefault<string>(), out _, out var err)) r.AddError($"{name}: {err}");
        });
        return o;
    }

    /// <summary>The server's flags, declared once and added to both the root command and <c>serve</c>.</summary>
    private sealed class ServeFlags
    {
        private readonly Option<string?> _config = new("--config.file") { Description = "Prometheus configuration file (default: the embedded configuration that monitors this host)." };
        private readonly Option<string> _path = new("--storage.tsdb.path") { Description = "Base path for metrics storage.", DefaultValueFactory = _ => "data" };
        private readonly Option<string> _retention = DurationOption("--storage.tsdb.retention.time", "How long to retain samples in storage.", "15d");
        private readonly Option<string> _retentionSize = new("--storage.tsdb.retention.size") { Description = "Maximum number of bytes of storage blocks to keep (e.g. 512MB, 0 = no limit).", DefaultValueFactory = _ => "0B" };
        private readonly Option<long> _maxSeries = new("--storage.tsdb.max-series") { Description = "Maximum number of series in the head; samples of further new series are dropped and counted (0 = no limit).", DefaultValueFactory = _ => 0 };
        private readonly Option<string> _listen = ListenOption("0.0.0.0:9090");
        private readonly Option<string> _logLevel = LogLevelOption();
        private readonly Option<string?> _externalUrl = new("--web.external-url") { Description = "The URL under which Argus is externally reachable (for links in alerts)." };
        private readonly Option<string?> _webConfig = new("--web.config.file") { Description = "Path to a Prometheus web configuration file that can enable TLS or basic authentication (see docs/security.md)." };
        private readonly Option<bool> _lifecycle = new("--web.enable-lifecycle") { Description = "Accepted for compatibility: /-/reload and /-/quit are always enabled.", DefaultValueFactory = _ => true };
        private readonly Option<bool> _remoteWriteReceiver = new("--web.enable-remote-write-receiver") { Description = "Enable the API endpoint accepting remote write requests (POST /api/v1/write)." };
        private readonly Option<string> _queryTimeout = DurationOption("--query.timeout", "Maximum time a query may take before it is aborted.", "2m");
        private readonly Option<string> _lookback = DurationOption("--query.lookback-delta", "How far back an instant selector looks for the latest sample.", "5m");
        private readonly Option<int> _maxSamples = new("--query.max-samples") { Description = "Maximum number of samples a single query may load into memory.", DefaultValueFactory = _ => 50_000_000 };
        private readonly Option<int> _maxConcurrency = new("--query.max-concurrency") { Description = "Maximum number of queries executed concurrently.", DefaultValueFactory = _ => 20 };
        private readonly Option<string?> _amConfig = new("--alertmanager.config.file") { Description = "alertmanager.yml for the built-in Alertmanager (routes, receivers, inhibit rules)." };
        private readonly Option<int> _amQueue = new("--alertmanager.notification-queue-capacity") { Description = "The capacity of the queue for pending alert notifications to external Alertmanagers.", DefaultValueFactory = _ => 10000 };
        private readonly Option<string> _outageTolerance = DurationOption("--rules.alert.for-outage-tolerance", "Max time to tolerate an Argus outage for restoring \"for\" state of alerts.", "1h");
        private readonly Option<string> _forGrace = DurationOption("--rules.alert.for-grace-period", "Minimum duration between alert and restored \"for\" state; only for alerts with a \"for\" longer than it.", "10m");
        private readonly Option<string> _resendDelay = DurationOption("--rules.alert.resend-delay", "Minimum amount of time to wait before resending an alert to Alertmanager.", "1m");
        private readonly Option<bool?> _kubeState = new("--kube-state-metrics") { Description = "Watch the cluster's objects and record kube-state-metrics compatible series as job \"kube-state-metrics\" (default: on when running inside a Kubernetes pod)." };
        private readonly Option<string?> _kubeconfig = new("--kubeconfig") { Description = "Kubeconfig file for kubernetes_sd_configs that set neither api_server nor kubeconfig_file, when not running in a cluster (default: $KUBECONFIG, then ~/.kube/config)." };
        private readonly Option<string?> _dashboards = new("--web.dashboards.path") { Description = "Folder of Grafana dashboard JSON files (e.g. a ConfigMap mount), reloaded on change; a dashboard with the uid of an embedded one replaces it." };
        private readonly Option<bool?> _builtinRules = new("--rules.builtin") { Description = "Evaluate Argus's built-in alert rules for hosts, Kubernetes and Argus itself (default: on with the embedded configuration, off with --config.file)." };

        private readonly Option<int> _readSampleLimit = new("--storage.remote.read-sample-limit") { Description = "Maximum overall number of samples to return via the remote read interface, in a single query. 0 means no limit.", DefaultValueFactory = _ => 50_000_000 };
        private readonly Option<int> _readConcurrentLimit = new("--storage.remote.read-concurrent-limit") { Description = "Maximum number of concurrent remote read calls. 0 means no limit.", DefaultValueFactory = _ => 10 };
        private readonly Option<int> _readMaxBytesInFrame = new("--storage.remote.read-max-bytes-in-frame") { Description = "Maximum number of bytes in a single frame for streaming remote read responses (the STREAMED_XOR_CHUNKS response type).", DefaultValueFactory = _ => 1_048_576 };
        private readonly Option<string?> _rulesQueryUrl = new("--rules.query-url") { Description = "Evaluate rules through this Prometheus-compatible query API (e.g. http://thanos-query:9090, https://mimir/prometheus) instead of the local store; results are still written locally." };
        private readonly Option<string?> _rulesQueryUser = new("--rules.query-basic-auth.username") { Description = "Basic auth username for --rules.query-url." };
        private readonly Option<string?> _rulesQueryPasswordFile = new("--rules.query-basic-auth.password-file") { Description = "File holding the basic auth password for --rules.query-url." };
        private readonly Option<string?> _rulesQueryTokenFile = new("--rules.query-bearer-token-file") { Description = "File holding a bearer token for --rules.query-url." };
        private readonly Option<string> _rulesQueryTimeout = DurationOption("--rules.query-timeout", "Timeout of one rule query sent to --rules.query-url.", "1m");

        public ServeFlags()
        {
            _rulesQueryUrl.Validators.Add(r =>
            {
                string? v = r.GetValueOrDefault<string?>();
                if (v is not null && !(Uri.TryCreate(v, UriKind.Absolute, out var u) && (u.Scheme == "http" || u.Scheme == "https")))
                {
                    r.AddError($"--rules.query-url: \"{v}\" is not an absolute http(s) URL");
                }
            });
            foreach (var o in new[] { _readSampleLimit, _readConcurrentLimit, _readMaxBytesInFrame })
            {
                o.Validators.Add(r =>
                {
                    if (r.GetValueOrDefault<int>() < 0) r.AddError($"{o.Name}: must not be negative, got {r.GetValueOrDefault<int>()}");
                });
            }
            foreach (var o in new[] { _maxSamples, _maxConcurrency, _amQueue })
            {
                o.Validators.Add(r =>
                {
                    if (r.GetValueOrDefault<int>() <= 0) r.AddError($"{o.Name}: must be a positive number, got {r.GetValueOrDefault<int>()}");
                });
            }
            _maxSeries.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<long>() < 0) r.AddError($"--storage.tsdb.max-series: must be 0 (no limit) or positive, got {r.GetValueOrDefault<long>()}");
            });
            _retentionSize.Validators.Add(r =>
            {
                if (!ByteSize.TryParse(r.GetValueOrDefault<string>(), out _, out var err)) r.AddError("--storage.tsdb.retention.size: " + err);
            });
        }

        public void AddTo(Command c)
        {
            foreach (var o in new Option[] { _config, _path, _retention, _retentionSize, _listen, _logLevel, _externalUrl, _lifecycle, _queryTimeout, _lookback, _maxSamples, _maxConcurrency, _amConfig, _amQueue, _outageTolerance, _forGrace, _resendDelay, _builtinRules, _kubeconfig, _kubeState, _dashboards, _webConfig, _maxSeries, _readSampleLimit, _readConcurrentLimit, _readMaxBytesInFrame, _rulesQueryUrl, _rulesQueryUser, _rulesQueryPasswordFile, _rulesQueryTokenFile, _rulesQueryTimeout, _remoteWriteReceiver }) c.Options.Add(o);
        }

        public ServeOptions Read(ParseResult r)
        {
            string retention = r.GetValue(_retention)!;
            string size = r.GetValue(_retentionSize)!;
            PromDuration.TryParse(retention, out var retentionTime, out _);
            PromDuration.TryParse(r.GetValue(_queryTimeout)!, out var queryTimeout, out _);
            PromDuration.TryParse(r.GetValue(_lookback)!, out var lookback, out _);
            ByteSize.TryParse(size, out var retentionSize, out _);
            PromDuration.TryParse(r.GetValue(_outageTolerance)!, out var outageTolerance, out _);
            PromDuration.TryParse(r.GetValue(_forGrace)!, out var forGrace, out _);
            PromDuration.TryParse(r.GetValue(_resendDelay)!, out var resendDelay, out _);
            bool builtinRules = r.GetValue(_builtinRules) ?? r.GetValue(_config) is null;
            bool kubeState = r.GetValue(_kubeState) ?? !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"));
            var flags = new Dictionary<string, string>
            {
                ["config.file"] = r.GetValue(_config) ?? "",
                ["storage.tsdb.path"] = r.GetValue(_path)!,
                ["storage.tsdb.retention.time"] = retention,
                ["storage.tsdb.retention.size"] = size,
                ["storage.tsdb.max-series"] = r.GetValue(_maxSeries).ToString(CultureInfo.InvariantCulture),
                ["web.listen-address"] = r.GetValue(_listen)!,
                ["log.level"] = r.GetValue(_logLevel)!,
                ["web.external-url"] = r.GetValue(_externalUrl) ?? "",
                ["web.config.file"] = r.GetValue(_webConfig) ?? "",
                ["web.enable-remote-write-receiver"] = r.GetValue(_remoteWriteReceiver) ? "true" : "false",
                ["query.timeout"] = r.GetValue(_queryTimeout)!,
                ["query.lookback-delta"] = r.GetValue(_lookback)!,
                ["query.max-samples"] = r.GetValue(_maxSamples).ToString(CultureInfo.InvariantCulture),
                ["query.max-concurrency"] = r.GetValue(_maxConcurrency).ToString(CultureInfo.InvariantCulture),
                ["alertmanager.config.file"] = r.GetValue(_amConfig) ?? "",
                ["alertmanager.notification-queue-capacity"] = r.GetValue(_amQueue).ToString(CultureInfo.InvariantCulture),
                ["rules.alert.for-outage-tolerance"] = r.GetValue(_outageTolerance)!,
                ["rules.alert.for-grace-period"] = r.GetValue(_forGrace)!,
                ["rules.alert.resend-delay"] = r.GetValue(_resendDelay)!,
                ["rules.builtin"] = builtinRules ? "true" : "false",
                ["kube-state-metrics"] = kubeState ? "true" : "false",
                ["web.dashboards.path"] = r.GetValue(_dashboards) ?? "",
                ["storage.remote.read-sample-limit"] = r.GetValue(_readSampleLimit).ToString(CultureInfo.InvariantCulture),
                ["storage.remote.read-concurrent-limit"] = r.GetValue(_readConcurrentLimit).ToString(CultureInfo.InvariantCulture),
                ["storage.remote.read-max-bytes-in-frame"] = r.GetValue(_readMaxBytesInFrame).ToString(CultureInfo.InvariantCulture),
                ["rules.query-url"] = r.GetValue(_rulesQueryUrl) ?? "",
                ["rules.query-timeout"] = r.GetValue(_rulesQueryTimeout)!,
            };
            PromDuration.TryParse(r.GetValue(_rulesQueryTimeout)!, out var rulesQueryTimeout, out _);
            string? rulesQueryUrl = r.GetValue(_rulesQueryUrl);
            return new ServeOptions
            {
                ConfigFile = r.GetValue(_config),
                StoragePath = r.GetValue(_path)!,
                RetentionTime = retentionTime,
                RetentionSizeBytes = retentionSize.Bytes,
                MaxSeries = r.GetValue(_maxSeries),
                ListenAddress = r.GetValue(_listen)!,
                LogLevel = r.GetValue(_logLevel)!,
                ExternalUrl = r.GetValue(_externalUrl),
                WebConfigFile = r.GetValue(_webConfig),
                EnableRemoteWriteReceiver = r.GetValue(_remoteWriteReceiver),
                QueryTimeout = queryTimeout,
                QueryLookbackDelta = lookback,
                QueryMaxSamples = r.GetValue(_maxSamples),
                QueryMaxConcurrency = r.GetValue(_maxConcurrency),
                AlertmanagerConfigFile = r.GetValue(_amConfig),
                Kubeconfig = r.GetValue(_kubeconfig),
                NotificationQueueCapacity = r.GetValue(_amQueue),
                OutageTolerance = outageTolerance,
                ForGracePeriod = forGrace,
                ResendDelay = resendDelay,
                BuiltinRules = builtinRules,
                KubeStateMetrics = kubeState,
                DashboardsPath = r.GetValue(_dashboards),
                RemoteRead = new Remote.Read.RemoteReadOptions
                {
                    SampleLimit = r.GetValue(_readSampleLimit),
                    ConcurrentLimit = r.GetValue(_readConcurrentLimit),
                    MaxBytesInFrame = r.GetValue(_readMaxBytesInFrame),
                },
                RulesQuery = rulesQueryUrl is null ? null : new Rules.Remote.RemoteQueryOptions
                {
                    Url = new Uri(rulesQueryUrl),
                    Username = r.GetValue(_rulesQueryUser),
                    PasswordFile = r.GetValue(_rulesQueryPasswordFile),
                    BearerTokenFile = r.GetValue(_rulesQueryTokenFile),
                    Timeout = rulesQueryTimeout,
                },
                Flags = flags,
            };
        }
    }

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
