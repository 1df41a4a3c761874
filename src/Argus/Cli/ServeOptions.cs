namespace Argus.Cli;

/// <summary>The server's settings from its command line; names follow Prometheus's flags.</summary>
public sealed record ServeOptions
{
    public string? ConfigFile { get; init; }

    /// <summary>--kubeconfig: used by kubernetes_sd_configs without api_server/kubeconfig_file when not running in a cluster.</summary>
    public string? Kubeconfig { get; init; }
    public string StoragePath { get; init; } = "data";
    public TimeSpan RetentionTime { get; init; } = TimeSpan.FromDays(15);
    public long RetentionSizeBytes { get; init; }

    /// <summary>--storage.tsdb.max-series: the most series the head creates; 0 is no limit.</summary>
    public long MaxSeries { get; init; }
    public string ListenAddress { get; init; } = "0.0.0.0:9090";
    public string LogLevel { get; init; } = "info";
    public string? ExternalUrl { get; init; }

    /// <summary>--web.config.file: Prometheus's web config (TLS, basic_auth_users); see docs/security.md.</summary>
    public string? WebConfigFile { get; init; }
    public bool EnableLifecycle { get; init; } = true;

    /// <summary>--web.enable-remote-write-receiver: accept POST /api/v1/write (404 without it, as Prometheus).</summary>
    public bool EnableRemoteWriteReceiver { get; init; }
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan QueryLookbackDelta { get; init; } = TimeSpan.FromMinutes(5);
    public int QueryMaxSamples { get; init; } = 50_000_000;
    public int QueryMaxConcurrency { get; init; } = 20;

    /// <summary>alertmanager.yml for the built-in Alertmanager (null: a default route to a receiver without integrations, so
    /// alerts and silences still show in the API and UI).</summary>
    public string? AlertmanagerConfigFile { get; init; }

    /// <summary>Capacity of the queue of alerts forwarded to external Alertmanagers (Prometheus's flag of the same name).</summary>
    public int NotificationQueueCapacity { get; init; } = 10000;

    /// <summary>--rules.alert.for-outage-tolerance.</summary>
    public TimeSpan OutageTolerance { get; init; } = TimeSpan.FromHours(1);

    /// <summary>--rules.alert.for-grace-period.</summary>
    public TimeSpan ForGracePeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>--rules.alert.resend-delay.</summary>
    public TimeSpan ResendDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>--rules.builtin: evaluate the rule files shipped inside the binary.</summary>
    public bool BuiltinRules { get; init; }

    /// <summary>--kube-state-metrics: run the built-in cluster-state collector.</summary>
    public bool KubeStateMetrics { get; init; }

    /// <summary>--web.dashboards.path: folder of Grafana dashboard JSON files, watched for changes (null: the embedded ones only).</summary>
    public string? DashboardsPath { get; init; }
    /// <summary>--storage.remote.read-sample-limit, --storage.remote.read-concurrent-limit, --storage.remote.read-max-bytes-in-frame.</summary>
    public Remote.Read.RemoteReadOptions RemoteRead { get; init; } = new();

    /// <summary>--rules.query-url and its credentials: evaluate rules through a remote query API; null evaluates locally.</summary>
    public Rules.Remote.RemoteQueryOptions? RulesQuery { get; init; }

    /// <summary>The flags as given or defaulted, rendered as strings for /api/v1/status/flags.</summary>
    public IReadOnlyDictionary<string, string> Flags { get; init; } = new Dictionary<string, string>();
}
