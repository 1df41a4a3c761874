using Argus.Config;

namespace Argus.Tests.Config;

public sealed class ConfigLoaderTests
{
    private static PrometheusConfig LoadGood(string yaml)
    {
        var result = ConfigLoader.LoadString(yaml, "prometheus.yml");
        Assert.True(result.Success, result.ErrorText);
        return result.Config!;
    }

    [Fact]
    public void LoadString_Empty_AllDefaults()
    {
        var c = LoadGood("");
        Assert.Equal(TimeSpan.FromMinutes(1), c.Global.ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), c.Global.ScrapeTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), c.Global.EvaluationInterval);
        Assert.Empty(c.ScrapeConfigs);
        Assert.Equal(ScrapeConfig.DefaultScrapeProtocols, c.Global.ScrapeProtocols);
    }

    [Fact]
    public void LoadString_ScrapeConfig_InheritsGlobalAndDefaults()
    {
        var c = LoadGood("""
            global:
              scrape_interval: 5s
              sample_limit: 100
            scrape_configs:
              - job_name: a
              - job_name: b
                scrape_interval: 1m
            """);
        var a = c.ScrapeConfigs[0];
        Assert.Equal(TimeSpan.FromSeconds(5), a.ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), a.ScrapeTimeout); // global timeout capped at the 5s interval
        Assert.Equal("/metrics", a.MetricsPath);
        Assert.Equal("http", a.Scheme);
        Assert.True(a.HonorTimestamps);
        Assert.False(a.HonorLabels);
        Assert.True(a.FollowRedirects);
        Assert.True(a.EnableHttp2);
        Assert.True(a.EnableCompression);
        Assert.Equal(100u, a.SampleLimit);
        Assert.Equal(TimeSpan.FromSeconds(5), c.Global.ScrapeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), c.ScrapeConfigs[1].ScrapeTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), c.ScrapeConfigs[1].ScrapeInterval);
    }

    [Fact]
    public void LoadFile_FullFixture_EveryFieldRead()
    {
        var result = ConfigLoader.LoadFile(ConfigTestData.PathOf("full.good.yml"), checkFiles: true);
        Assert.True(result.Success, result.ErrorText);
        var c = result.Config!;
        string dir = ConfigTestData.Directory;

        Assert.Equal(TimeSpan.FromSeconds(30), c.Global.ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(90), c.Global.EvaluationInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), c.Global.RuleQueryOffset);
        Assert.Equal(Path.Combine(dir, "logs", "query.log"), c.Global.QueryLogFile);
        Assert.Equal("{cluster=\"prod\", region=\"eu\"}", c.Global.ExternalLabelSet.ToString());
        Assert.Equal(10L << 20, c.Global.BodySizeLimit.Bytes);
        Assert.Equal([Path.Combine(dir, "rules", "*.yml"), "/etc/argus/alerts.yml"], c.RuleFiles);

        var am = Assert.Single(c.Alerting.Alertmanagers);
        Assert.Equal(("https", "/am", TimeSpan.FromSeconds(5)), (am.Scheme, am.PathPrefix, am.Timeout));
        Assert.Equal("am-pass", am.BasicAuth!.Password!.Reveal());
        Assert.True(am.TlsConfig!.InsecureSkipVerify);
        Assert.Equal(["am1:9093", "am2:9093"], am.StaticConfigs[0].Targets);
        Assert.Equal(RelabelAction.Keep, am.RelabelConfigs[0].Action);
        Assert.Equal(RelabelAction.LabelDrop, c.Alerting.AlertRelabelConfigs[0].Action);

        var node = c.ScrapeConfigs[0];
        Assert.Equal("node", node.JobName);
        Assert.True(node.HonorLabels);
        Assert.False(node.HonorTimestamps);
        Assert.True(node.TrackTimestampsStaleness);
        Assert.Equal(["a", "b"], node.Params!["target"]);
        Assert.Equal((TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5)), (node.ScrapeInterval, node.ScrapeTimeout));
        Assert.Equal(["PrometheusText0.0.4"], node.ScrapeProtocols);
        Assert.False(node.EnableCompression);
        Assert.Equal(("/probe", "https"), (node.MetricsPath, node.Scheme));
        Assert.Equal((1024L, 10u, 2u, 3u, 4u, 5u, 6u),
            (node.BodySizeLimit.Bytes, node.SampleLimit, node.TargetLimit, node.LabelLimit, node.LabelNameLengthLimit,
             node.LabelValueLengthLimit, node.KeepDroppedTargets));
        Assert.Equal(("Token", Path.Combine(dir, "secrets", "token")), (node.Authorization!.Type, node.Authorization.CredentialsFile));
        Assert.Equal("TLS13", node.TlsConfig!.MinVersion);
        Assert.Equal(("http://proxy:3128", "localhost"), (node.ProxyUrl, node.NoProxy));
        Assert.False(node.FollowRedirects);
        Assert.False(node.EnableHttp2);
        Assert.Equal("hidden-header", node.HttpHeaders!["X-Team"].Secrets[0].Reveal());
        Assert.Equal("prod", node.StaticConfigs[0].Labels["env"]);
        Assert.Equal([Path.Combine(dir, "sd", "*.json"), Path.Combine(dir, "sd", "static.yml")], node.FileSdConfigs[0].Files);
        Assert.Equal(TimeSpan.FromMinutes(1), node.FileSdConfigs[0].RefreshInterval);
        Assert.Equal(
            [RelabelAction.Replace, RelabelAction.HashMod, RelabelAction.Keep, RelabelAction.LabelMap, RelabelAction.LabelKeep,
             RelabelAction.LabelDrop, RelabelAction.KeepEqual, RelabelAction.DropEqual, RelabelAction.Lowercase, RelabelAction.Uppercase],
            node.RelabelConfigs.Select(r => r.Action));
        Assert.Equal(8UL, node.RelabelConfigs[1].Modulus);
        Assert.Equal(",", node.MetricRelabelConfigs[0].Separator);
        // Global limits are not applied where the job sets its own; global ones fill the others.
        Assert.Equal(5000u, c.ScrapeConfigs[1].SampleLimit);

        var bearer = c.ScrapeConfigs[1];
        Assert.Null(bearer.BearerToken);
        Assert.Equal(("Bearer", "abc"), (bearer.Authorization!.Type, bearer.Authorization.Credentials!.Reveal()));
        Assert.Equal(Path.Combine(dir, "secrets", "token"), c.ScrapeConfigs[2].Authorization!.CredentialsFile);
        Assert.Equal(Path.Combine(dir, "secrets", "password"), c.ScrapeConfigs[3].BasicAuth!.PasswordFile);

        var k8s = c.ScrapeConfigs[4].KubernetesSdConfigs;
        Assert.Equal(("endpointslice", "https://kube.example:6443"), (k8s[0].Role, k8s[0].ApiServer));
        Assert.Equal("kube-token", k8s[0].Authorization!.Credentials!.Reveal());
        Assert.Equal(["default", "monitoring"], k8s[0].Namespaces!.Names);
        Assert.True(k8s[0].Namespaces!.OwnNamespace);
        Assert.Equal(("pod", "app=web", "spec.nodeName=n1"), (k8s[0].Selectors[0].Role, k8s[0].Selectors[0].Label, k8s[0].Selectors[0].Field));
        Assert.True(k8s[0].AttachMetadata!.Node && k8s[0].AttachMetadata!.Namespace);
        Assert.Equal(Path.Combine(dir, "secrets", "kubeconfig"), k8s[1].KubeconfigFile);

        var rw = Assert.Single(c.RemoteWrite);
        Assert.Equal(("https://mimir.example/api/v1/push", "mimir", TimeSpan.FromSeconds(10)), (rw.Url, rw.Name, rw.RemoteTimeout));
        Assert.Equal("team-a", rw.Headers!["X-Scope-OrgID"]);
        Assert.True(rw.SendExemplars && rw.SendNativeHistograms);
        Assert.Equal((20000, 2, 10, 1000), (rw.QueueConfig.Capacity, rw.QueueConfig.MinShards, rw.QueueConfig.MaxShards, rw.QueueConfig.MaxSamplesPerSend));
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10), true, TimeSpan.FromHours(1)),
            (rw.QueueConfig.BatchSendDeadline, rw.QueueConfig.MinBackoff, rw.QueueConfig.MaxBackoff, rw.QueueConfig.RetryOnHttp429, rw.QueueConfig.SampleAgeLimit));
        Assert.Equal((false, TimeSpan.FromMinutes(2), 100), (rw.MetadataConfig.Send, rw.MetadataConfig.SendInterval, rw.MetadataConfig.MaxSamplesPerSend));
        Assert.Equal(RelabelAction.Drop, rw.WriteRelabelConfigs[0].Action);

        var rr = Assert.Single(c.RemoteRead);
        Assert.Equal(("thanos", true, false), (rr.Name, rr.ReadRecent, rr.FilterExternalLabels));
        Assert.Equal("prod", rr.RequiredMatchers!["env"]);

        Assert.Equal(TimeSpan.FromMinutes(30), c.Storage!.Tsdb!.OutOfOrderTimeWindow);
        Assert.Equal((TimeSpan.FromDays(30), 512L << 20), (c.Storage.Tsdb.Retention!.Time, c.Storage.Tsdb.Retention.Size.Bytes));
        Assert.Equal(5000, c.Storage.Exemplars!.MaxExemplars);
    }

    [Fact]
    public void ToYaml_HidesSecretsAndReloads()
    {
        var c = ConfigLoader.LoadFile(ConfigTestData.PathOf("full.good.yml")).Config!;
        string yaml = c.ToYaml();
        foreach (string secret in new[] { "am-pass", "abc", "kube-token", "rw-pass", "hidden-header" })
        {
            Assert.DoesNotContain(": " + secret, yaml);
        }
        Assert.Contains("<secret>", yaml);
        Assert.Contains("scrape_interval: 30s", yaml);
        Assert.Contains("evaluation_interval: 1m30s", yaml);
        Assert.Contains("body_size_limit: 10MiB", yaml);
        Assert.Contains("action: hashmod", yaml);
        Assert.Contains("retry_on_http_429: true", yaml);
        Assert.DoesNotContain("bearer_token", yaml);
        Assert.DoesNotContain("external_label_set", yaml);

        var again = ConfigLoader.LoadString(yaml, Path.Combine(ConfigTestData.Directory, "echo.yml"));
        Assert.True(again.Success, again.ErrorText);
        Assert.Equal(c.ScrapeConfigs.Select(s => s.JobName), again.Config!.ScrapeConfigs.Select(s => s.JobName));
        Assert.Equal(yaml, again.Config.ToYaml()); // the echo is a fixed point
    }

    [Fact]
    public void ToYaml_ObservedFixture_EchoesDefaultsLikePrometheus()
    {
        string path = ConfigTestData.SharedFixture("observe/prometheus.yml");
        var result = ConfigLoader.LoadFile(path);
        Assert.True(result.Success, result.ErrorText);
        string yaml = result.Config!.ToYaml();
        // Fragments of Prometheus 2.42's /api/v1/status/config echo for the same file.
        Assert.Contains("""
            - job_name: prometheus
              honor_timestamps: true
            """.ReplaceLineEndings("\n"), yaml.ReplaceLineEndings("\n"));
        Assert.Contains("scrape_timeout: 4s", yaml);
        Assert.Contains("metrics_path: /metrics", yaml);
        Assert.Contains("follow_redirects: true", yaml);
        Assert.Contains("api_version: v2", yaml);
        Assert.Contains("path_prefix: /capture-am", yaml);
        Assert.Contains("batch_send_deadline: 2s", yaml);
        Assert.DoesNotContain("honor_labels", yaml);
    }

    [Fact]
    public void DefaultConfig_LoadsAndScrapesItself()
    {
        var c = LoadGood(DefaultConfig.Yaml);
        Assert.Equal(TimeSpan.FromSeconds(15), c.Global.ScrapeInterval);
        var job = Assert.Single(c.ScrapeConfigs);
        Assert.Equal("argus", job.JobName);
        Assert.Equal(["localhost:9090"], job.StaticConfigs[0].Targets);
        Assert.Equal(["localhost:9191"], LoadGood(DefaultConfig.ForListenPort(9191)).ScrapeConfigs[0].StaticConfigs[0].Targets);
    }

    [Fact]
    public void LoadFile_Missing_ErrorNamesFile()
    {
        var result = ConfigLoader.LoadFile("/nonexistent/prometheus.yml");
        Assert.False(result.Success);
        Assert.StartsWith("/nonexistent/prometheus.yml: cannot read config file", result.ErrorText);
    }

    [Fact]
    public void LoadFile_ScrapeConfigFiles_AppendsJobsAndFindsDuplicates()
    {
        string dir = Directory.CreateTempSubdirectory("argus-cfg").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "main.yml"), "scrape_config_files: [jobs/*.yml]\nscrape_configs:\n  - job_name: a\n");
            Directory.CreateDirectory(Path.Combine(dir, "jobs"));
            File.WriteAllText(Path.Combine(dir, "jobs", "b.yml"), "scrape_configs:\n  - job_name: b\n    scrape_interval: 7s\n");
            var ok = ConfigLoader.LoadFile(Path.Combine(dir, "main.yml"));
            Assert.True(ok.Success, ok.ErrorText);
            Assert.Equal(["a", "b"], ok.Config!.ScrapeConfigs.Select(s => s.JobName));

            File.WriteAllText(Path.Combine(dir, "jobs", "c.yml"), "scrape_configs:\n  - job_name: a\n");
            var dup = ConfigLoader.LoadFile(Path.Combine(dir, "main.yml"));
            Assert.Equal($"{Path.Combine(dir, "jobs", "c.yml")}:2:5: found multiple scrape configs with job name \"a\"", Assert.Single(dup.Errors).ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
