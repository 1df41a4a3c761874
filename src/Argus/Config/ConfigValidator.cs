using System.Text.RegularExpressions;

namespace Argus.Config;

/// <summary>
/// Checks a deserialized configuration against Prometheus's rules (config/config.go, common/config, model/relabel), records
/// every error with the position of the offending object, and returns the finished config: defaults and global values filled
/// in, legacy fields folded, relative paths made absolute. The returned config is meaningful only when no error was recorded.
/// </summary>
internal sealed partial class ConfigValidator(ConfigLoadContext context, string baseDirectory, bool checkFiles)
{
    private readonly ConfigLoadContext _context = context;
    private readonly string _baseDirectory = baseDirectory;
    private readonly bool _checkFiles = checkFiles;

    public PrometheusConfig Validate(PrometheusConfig c, HashSet<string> seenJobs)
    {
        GlobalConfig global = ValidateGlobal(c.Global ?? new GlobalConfig(), c);
        var ruleFiles = ValidatePathPatterns(c.RuleFiles, c, "rule file");
        var scrapeConfigFiles = ValidatePathPatterns(c.ScrapeConfigFiles, c, "scrape config file");
        var scrapeConfigs = ValidateScrapeConfigs(c.ScrapeConfigs, c, global, seenJobs);
        var alerting = ValidateAlerting(c.Alerting ?? new AlertingConfig(), c);
        var remoteWrite = ValidateRemoteWrite(c.RemoteWrite ?? [], c);
        var remoteRead = ValidateRemoteRead(c.RemoteRead ?? [], c);
        var storage = ValidateStorage(c.Storage);
        return c with
        {
            Global = global,
            RuleFiles = ruleFiles,
            ScrapeConfigFiles = scrapeConfigFiles,
            ScrapeConfigs = scrapeConfigs,
            Alerting = alerting,
            RemoteWrite = remoteWrite,
            RemoteRead = remoteRead,
            Storage = storage,
        };
    }

    private GlobalConfig ValidateGlobal(GlobalConfig g, object parent)
    {
        object at = (object?)_context.PositionOf(g) is not null ? g : parent;
        TimeSpan interval = g.ScrapeInterval == TimeSpan.Zero ? GlobalConfig.DefaultScrapeInterval : g.ScrapeInterval;
        TimeSpan timeout = g.ScrapeTimeout;
        if (timeout > interval)
        {
            _context.Error(at, "global scrape timeout greater than scrape interval");
        }
        if (timeout == TimeSpan.Zero)
        {
            timeout = GlobalConfig.DefaultScrapeTimeout > interval ? interval : GlobalConfig.DefaultScrapeTimeout;
        }
        var external = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in g.ExternalLabels ?? new Dictionary<string, string>())
        {
            if (!LabelNameRules.IsValid(name)) _context.Error(at, $"\"{name}\" is not a valid label name");
            if (string.IsNullOrEmpty(value)) _context.Error(at, $"empty value for external label \"{name}\"");
            else external[name] = value;
        }
        var protocols = ValidateScrapeProtocols(g.ScrapeProtocols ?? [], at);
        return g with
        {
            ScrapeInterval = interval,
            ScrapeTimeout = timeout,
            EvaluationInterval = g.EvaluationInterval == TimeSpan.Zero ? GlobalConfig.DefaultEvaluationInterval : g.EvaluationInterval,
            ExternalLabels = external,
            ScrapeProtocols = protocols.Count == 0 ? ScrapeConfig.DefaultScrapeProtocols : protocols,
            QueryLogFile = ResolvePath(g.QueryLogFile),
            ScrapeFailureLogFile = ResolvePath(g.ScrapeFailureLogFile),
        };
    }

    private List<string> ValidateScrapeProtocols(IReadOnlyList<string> protocols, object at)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string p in protocols)
        {
            if (!ScrapeConfig.KnownScrapeProtocols.Contains(p))
            {
                _context.Error(at, $"unknown scrape protocol {p}, supported: [{string.Join(' ', ScrapeConfig.KnownScrapeProtocols)}]");
            }
            else if (!seen.Add(p))
            {
                _context.Error(at, $"duplicated protocol in scrape_protocols, got [{string.Join(' ', protocols)}]");
            }
        }
        return [.. protocols];
    }

    private List<string> ValidatePathPatterns(IReadOnlyList<string>? patterns, object at, string what)
    {
        var result = new List<string>();
        foreach (string? p in patterns ?? [])
        {
            if (string.IsNullOrEmpty(p) || !PathPatternRegex().IsMatch(p))
            {
                _context.Error(at, $"invalid {what} path \"{p}\"");
                continue;
            }
            result.Add(ResolvePath(p)!);
        }
        return result;
    }

    public List<ScrapeConfig> ValidateScrapeConfigs(IReadOnlyList<ScrapeConfig>? configs, object parent, GlobalConfig global,
        HashSet<string> seenJobs)
    {
        var result = new List<ScrapeConfig>();
        foreach (var sc in configs ?? [])
        {
            if (sc is null)
            {
                _context.Error(parent, "empty or null scrape config section");
                continue;
            }
            if (sc.JobName.Length > 0 && !seenJobs.Add(sc.JobName))
            {
                _context.Error(sc, $"found multiple scrape configs with job name \"{sc.JobName}\"");
            }
            result.Add(ValidateScrapeConfig(sc, global));
        }
        return result;
    }

    private ScrapeConfig ValidateScrapeConfig(ScrapeConfig sc, GlobalConfig global)
    {
        if (string.IsNullOrEmpty(sc.JobName)) _context.Error(sc, "job_name is empty");
        TimeSpan interval = sc.ScrapeInterval == TimeSpan.Zero ? global.ScrapeInterval : sc.ScrapeInterval;
        TimeSpan timeout = sc.ScrapeTimeout;
        if (timeout > interval)
        {
            _context.Error(sc, $"scrape timeout greater than scrape interval for scrape config with job name \"{sc.JobName}\"");
        }
        if (timeout == TimeSpan.Zero) timeout = global.ScrapeTimeout > interval ? interval : global.ScrapeTimeout;
        var protocols = ValidateScrapeProtocols(sc.ScrapeProtocols ?? [], sc);
        if (sc.FallbackScrapeProtocol is { } fallback && !ScrapeConfig.KnownScrapeProtocols.Contains(fallback))
        {
            _context.Error(sc, $"unknown fallback_scrape_protocol {fallback}, supported: [{string.Join(' ', ScrapeConfig.KnownScrapeProtocols)}]");
        }
        var http = ValidateHttpClient(sc);
        return (ScrapeConfig)http with
        {
            ScrapeInterval = interval,
            ScrapeTimeout = timeout,
            ScrapeProtocols = protocols.Count == 0 ? global.ScrapeProtocols : protocols,
            BodySizeLimit = sc.BodySizeLimit.Bytes == 0 ? global.BodySizeLimit : sc.BodySizeLimit,
            SampleLimit = sc.SampleLimit == 0 ? global.SampleLimit : sc.SampleLimit,
            TargetLimit = sc.TargetLimit == 0 ? global.TargetLimit : sc.TargetLimit,
            LabelLimit = sc.LabelLimit == 0 ? global.LabelLimit : sc.LabelLimit,
            LabelNameLengthLimit = sc.LabelNameLengthLimit == 0 ? global.LabelNameLengthLimit : sc.LabelNameLengthLimit,
            LabelValueLengthLimit = sc.LabelValueLengthLimit == 0 ? global.LabelValueLengthLimit : sc.LabelValueLengthLimit,
            KeepDroppedTargets = sc.KeepDroppedTargets == 0 ? global.KeepDroppedTargets : sc.KeepDroppedTargets,
            Params = ValidateParams(sc),
            StaticConfigs = ValidateStaticConfigs(sc.StaticConfigs, sc),
            FileSdConfigs = ValidateFileSdConfigs(sc.FileSdConfigs, sc),
            KubernetesSdConfigs = ValidateKubernetesSdConfigs(sc.KubernetesSdConfigs, sc),
            RelabelConfigs = ValidateRelabelConfigs(sc.RelabelConfigs, sc, "empty or null target relabeling rule in scrape config"),
            MetricRelabelConfigs = ValidateRelabelConfigs(sc.MetricRelabelConfigs, sc, "empty or null metric relabeling rule in scrape config"),
        };
    }

    private IReadOnlyDictionary<string, IReadOnlyList<string>>? ValidateParams(ScrapeConfig sc)
    {
        if (sc.Params is null) return null;
        var sorted = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (k, v) in sc.Params) sorted[k] = v ?? [];
        return sorted;
    }

    private AlertingConfig ValidateAlerting(AlertingConfig a, object parent)
    {
        var ams = new List<AlertmanagerConfig>();
        foreach (var am in a.Alertmanagers ?? [])
        {
            if (am is null)
            {
                _context.Error(parent, "empty or null alertmanager config");
                continue;
            }
            if (am.ApiVersion != "v2")
            {
                _context.Error(am, $"expected Alertmanager api version to be one of [v2] but got \"{am.ApiVersion}\"");
            }
            if (am.Scheme is not ("http" or "https")) _context.Error(am, $"invalid Alertmanager scheme \"{am.Scheme}\": must be http or https");
            var http = (AlertmanagerConfig)ValidateHttpClient(am);
            ams.Add(http with
            {
                StaticConfigs = ValidateStaticConfigs(am.StaticConfigs, am),
                FileSdConfigs = ValidateFileSdConfigs(am.FileSdConfigs, am),
                KubernetesSdConfigs = ValidateKubernetesSdConfigs(am.KubernetesSdConfigs, am),
                RelabelConfigs = ValidateRelabelConfigs(am.RelabelConfigs, am, "empty or null Alertmanager target relabeling rule"),
                AlertRelabelConfigs = ValidateRelabelConfigs(am.AlertRelabelConfigs, am, "empty or null alert relabeling rule"),
            });
        }
        return a with
        {
            Alertmanagers = ams,
            AlertRelabelConfigs = ValidateRelabelConfigs(a.AlertRelabelConfigs, (object?)_context.PositionOf(a) is not null ? a : parent,
                "empty or null alert relabeling rule"),
        };
    }

    // Headers the remote-write protocol sets itself (config.reservedHeaders).
    private static readonly HashSet<string> s_reservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Host", "Content-Encoding", "Content-Length", "Content-Type", "User-Agent", "Connection", "Keep-Alive",
        "Proxy-Authenticate", "Proxy-Authorization", "Www-Authenticate", "X-Prometheus-Remote-Write-Version",
        "X-Prometheus-Remote-Read-Version",
    };

    private List<RemoteWriteConfig> ValidateRemoteWrite(IReadOnlyList<RemoteWriteConfig> configs, object parent)
    {
        var result = new List<RemoteWriteConfig>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rw in configs)
        {
            if (rw is null)
            {
                _context.Error(parent, "empty or null remote write config section");
                continue;
            }
            ValidateUrl(rw, rw.Url, "remote_write");
            if (!string.IsNullOrEmpty(rw.Name) && !names.Add(rw.Name))
            {
                _context.Error(rw, $"found multiple remote write configs with job name \"{rw.Name}\"");
            }
            ValidateHeaders(rw, rw.Headers);
            var q = rw.QueueConfig ?? new QueueConfig();
            if (q.MinShards > q.MaxShards) _context.Error(q, $"queue_config min_shards {q.MinShards} greater than max_shards {q.MaxShards}");
            if (q.MaxSamplesPerSend <= 0) _context.Error(q, "queue_config max_samples_per_send must be greater than 0");
            var http = (RemoteWriteConfig)ValidateHttpClient(rw);
            result.Add(http with
            {
                QueueConfig = q,
                MetadataConfig = rw.MetadataConfig ?? new MetadataConfig(),
                WriteRelabelConfigs = ValidateRelabelConfigs(rw.WriteRelabelConfigs, rw, "empty or null relabeling rule in remote write config"),
            });
        }
        return result;
    }

    private List<RemoteReadConfig> ValidateRemoteRead(IReadOnlyList<RemoteReadConfig> configs, object parent)
    {
        var result = new List<RemoteReadConfig>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rr in configs)
        {
            if (rr is null)
            {
                _context.Error(parent, "empty or null remote read config section");
                continue;
            }
            ValidateUrl(rr, rr.Url, "remote_read");
            if (!string.IsNullOrEmpty(rr.Name) && !names.Add(rr.Name))
            {
                _context.Error(rr, $"found multiple remote read configs with job name \"{rr.Name}\"");
            }
            ValidateHeaders(rr, rr.Headers);
            foreach (var (name, _) in rr.RequiredMatchers ?? new Dictionary<string, string>())
            {
                if (!LabelNameRules.IsValid(name)) _context.Error(rr, $"\"{name}\" is not a valid label name");
            }
            result.Add((RemoteReadConfig)ValidateHttpClient(rr));
        }
        return result;
    }

    private void ValidateUrl(object at, string? url, string section)
    {
        if (string.IsNullOrEmpty(url))
        {
            _context.Error(at, $"url for {section} is empty");
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            _context.Error(at, $"invalid url for {section} \"{url}\": must be an absolute http or https URL");
        }
    }

    private void ValidateHeaders(object at, IReadOnlyDictionary<string, string>? headers)
    {
        foreach (var (name, _) in headers ?? new Dictionary<string, string>())
        {
            if (s_reservedHeaders.Contains(name)) _context.Error(at, $"{name} is a reserved header. It must not be changed");
        }
    }

    private StorageConfig? ValidateStorage(StorageConfig? s)
    {
        if (s?.Tsdb?.OutOfOrderTimeWindow < TimeSpan.Zero) _context.Error(s.Tsdb, "out_of_order_time_window cannot be negative");
        if (s?.Exemplars?.MaxExemplars < 0) _context.Error(s.Exemplars, "max_exemplars cannot be negative");
        return s;
    }

    private string? ResolvePath(string? path) =>
        string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(_baseDirectory, path));

    // patRulePath: a '*' only in the last path element.
    [GeneratedRegex(@"^[^*]*(\*[^/]*)?$")]
    private static partial Regex PathPatternRegex();
}
