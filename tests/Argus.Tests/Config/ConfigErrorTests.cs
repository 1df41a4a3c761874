using Argus.Config;

namespace Argus.Tests.Config;

/// <summary>Bad configurations and the exact errors (position and Prometheus's message) they produce.</summary>
public sealed class ConfigErrorTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "global:\n  scrape_interval: 1m1h\n", "prometheus.yml:2:20: not a valid duration string: \"1m1h\"" },
        { "global:\n  scrape_interval: \"\"\n", "prometheus.yml:2:20: empty duration string" },
        { "global:\n  foo: 1\n", "prometheus.yml:2:3: field foo not found in type global_config" },
        { "global:\n  scrape_interval: 1m\n  scrape_interval: 2m\n", "prometheus.yml:3:3: mapping key \"scrape_interval\" already defined" },
        { "global:\n  scrape_interval: 10s\n  scrape_timeout: 11s\n", "prometheus.yml:2:3: global scrape timeout greater than scrape interval" },
        { "global:\n  external_labels:\n    a-b: x\n", "prometheus.yml:2:3: \"a-b\" is not a valid label name" },
        { "global:\n  body_size_limit: 10XB\n", "prometheus.yml:2:20: invalid size \"10XB\": unit must be one of B, KB, MB, GB, TB, PB, EB (powers of 2)" },
        { "global:\n  scrape_protocols: [Foo]\n", "prometheus.yml:2:3: unknown scrape protocol Foo, supported: [PrometheusProto OpenMetricsText0.0.1 OpenMetricsText1.0.0 PrometheusText0.0.4 PrometheusText1.0.0]" },
        { "rule_files: ['a/*/b.yml']\n", "prometheus.yml:1:1: invalid rule file path \"a/*/b.yml\"" },
        { "scrape_configs:\n  - job_name: \"\"\n", "prometheus.yml:2:5: job_name is empty" },
        { "scrape_configs:\n  -\n", "prometheus.yml:1:1: empty or null scrape config section" },
        { "scrape_configs:\n  - job_name: a\n    scrape_interval: 5s\n    scrape_timeout: 6s\n",
          "prometheus.yml:2:5: scrape timeout greater than scrape interval for scrape config with job name \"a\"" },
        { "scrape_configs:\n  - job_name: a\n  - job_name: a\n", "prometheus.yml:3:5: found multiple scrape configs with job name \"a\"" },
        { "scrape_configs:\n  - job_name: a\n    unknown_key: 1\n", "prometheus.yml:3:5: field unknown_key not found in type scrape_config" },
        { "scrape_configs:\n  - job_name: a\n    sample_limit: many\n", "prometheus.yml:3:19: cannot unmarshal: The input string 'many' was not in a correct format." },
        { "scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ['http://h:80']\n", "prometheus.yml:4:9: \"http://h:80\" is not a valid hostname" },
        { "scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [h]\n        labels: {0x: y}\n", "prometheus.yml:4:9: \"0x\" is not a valid label name" },
        { "scrape_configs:\n  - job_name: a\n    bearer_token: x\n    bearer_token_file: y\n", "prometheus.yml:2:5: at most one of bearer_token & bearer_token_file must be configured" },
        { "scrape_configs:\n  - job_name: a\n    bearer_token: x\n    basic_auth: {username: u}\n", "prometheus.yml:2:5: at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured" },
        { "scrape_configs:\n  - job_name: a\n    basic_auth: {password: p, password_file: f}\n", "prometheus.yml:3:17: at most one of basic_auth password & password_file must be configured" },
        { "scrape_configs:\n  - job_name: a\n    authorization: {type: Basic, credentials: c}\n", "prometheus.yml:3:20: authorization type cannot be set to \"basic\", use \"basic_auth\" instead" },
        { "scrape_configs:\n  - job_name: a\n    authorization: {credentials: c, credentials_file: f}\n", "prometheus.yml:3:20: at most one of authorization credentials & credentials_file must be configured" },
        { "scrape_configs:\n  - job_name: a\n    tls_config: {cert_file: /dev/null}\n", "prometheus.yml:3:17: exactly one of key or key_file must be configured when a client certificate is configured" },
        { "scrape_configs:\n  - job_name: a\n    tls_config: {ca_file: /nonexistent/ca.pem}\n", "prometheus.yml:3:17: error checking CA file \"/nonexistent/ca.pem\": Could not find a part of the path '/nonexistent/ca.pem'." },
        { "scrape_configs:\n  - job_name: a\n    tls_config: {min_version: TLS9}\n", "prometheus.yml:3:17: unknown TLS version: TLS9" },
        { "scrape_configs:\n  - job_name: a\n    file_sd_configs:\n      - files: [targets.txt]\n", "prometheus.yml:4:9: path name \"targets.txt\" is not valid for file discovery" },
        { "scrape_configs:\n  - job_name: a\n    file_sd_configs:\n      - files: []\n", "prometheus.yml:4:9: file service discovery config must contain at least one path name" },
        { "scrape_configs:\n  - job_name: a\n    kubernetes_sd_configs:\n      - api_server: https://k\n", "prometheus.yml:4:9: role missing (one of: pod, service, endpoints, endpointslice, node, ingress)" },
        { "scrape_configs:\n  - job_name: a\n    kubernetes_sd_configs:\n      - role: deployment\n", "prometheus.yml:4:9: unknown Kubernetes SD role \"deployment\"" },
        { "scrape_configs:\n  - job_name: a\n    kubernetes_sd_configs:\n      - role: pod\n        api_server: https://k\n        kubeconfig_file: k\n",
          "prometheus.yml:4:9: cannot use 'kubeconfig_file' and 'api_server' simultaneously" },
        { "scrape_configs:\n  - job_name: a\n    kubernetes_sd_configs:\n      - role: pod\n        bearer_token: t\n",
          "prometheus.yml:4:9: to use custom HTTP client configuration please provide the 'api_server' URL explicitly" },
        { "scrape_configs:\n  - job_name: a\n    kubernetes_sd_configs:\n      - role: node\n        selectors: [{role: pod}]\n",
          "prometheus.yml:5:21: node role supports only node selectors" },
        // relabel_config rules (model/relabel Config.Validate)
        { "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - source_labels: [a]\n", "prometheus.yml:4:9: relabel configuration for replace action requires 'target_label' value" },
        { "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - {source_labels: [a], target_label: '1x'}\n", "prometheus.yml:4:9: \"1x\" is invalid 'target_label' for replace action" },
        { "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - {action: hashmod, target_label: t}\n", "prometheus.yml:4:9: relabel configuration for hashmod requires non-zero modulus" },
        { "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - {action: lowercase, target_label: t, replacement: x}\n", "prometheus.yml:4:9: 'replacement' can not be set for lowercase action" },
        { "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - {action: uppercase, target_label: '${1}'}\n", "prometheus.yml:4:9: \"${1}\" is invalid 'target_label' for uppercase action" },
        { "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - {action: labelmap, replacement: 'a-b'}\n", "prometheus.yml:4:9: \"a-b\" is invalid 'replacement' for labelmap action" },
        { "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - {action: labeldrop, regex: x, target_label: y}\n", "prometheus.yml:4:9: labeldrop action requires only 'regex', and no other fields" },
        { "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - {action: keepequal, source_labels: [a], target_label: b, regex: x}\n", "prometheus.yml:4:9: keepequal action requires only 'source_labels' and `target_label`, and no other fields" },
        { "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - {action: dropequal, source_labels: [a]}\n", "prometheus.yml:4:9: relabel configuration for dropequal action requires 'target_label' value" },
        { "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - {action: explode}\n", "prometheus.yml:4:18: unknown relabel action \"explode\"" },
        { "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - {source_labels: ['a.b'], target_label: c}\n", "prometheus.yml:4:9: \"a.b\" is not a valid label name" },
        { "scrape_configs:\n  - job_name: a\n    metric_relabel_configs:\n      - {regex: '(', action: drop}\n", "prometheus.yml:4:17: error parsing regexp \"(\": Not enough )'s." },
        { "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      -\n", "prometheus.yml:2:5: empty or null target relabeling rule in scrape config" },
        // other sections
        { "alerting:\n  alertmanagers:\n    - api_version: v1\n", "prometheus.yml:3:7: expected Alertmanager api version to be one of [v2] but got \"v1\"" },
        { "alerting:\n  alertmanagers:\n    - kubernetes_sd_configs:\n        - role: deployment\n", "prometheus.yml:4:11: unknown Kubernetes SD role \"deployment\"" },
        { "alerting:\n  alertmanagers:\n    - relabel_configs:\n        - {action: keep}\n        - source_labels: [a]\n",
          "prometheus.yml:5:11: relabel configuration for replace action requires 'target_label' value" },
        { "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['am/0:9093']\n", "prometheus.yml:4:11: \"am/0:9093\" is not a valid hostname" },
        { "alerting:\n  alertmanagers:\n    - scheme: ftp\n", "prometheus.yml:3:7: invalid Alertmanager scheme \"ftp\": must be http or https" },
        { "remote_write:\n  - name: x\n", "prometheus.yml:2:5: url for remote_write is empty" },
        { "remote_write:\n  - url: ftp://x\n", "prometheus.yml:2:5: invalid url for remote_write \"ftp://x\": must be an absolute http or https URL" },
        { "remote_write:\n  - {url: 'http://a', name: x}\n  - {url: 'http://b', name: x}\n", "prometheus.yml:3:5: found multiple remote write configs with job name \"x\"" },
        { "remote_write:\n  - url: http://a\n    headers: {Content-Type: x}\n", "prometheus.yml:2:5: Content-Type is a reserved header. It must not be changed" },
        { "remote_read:\n  - url: ''\n", "prometheus.yml:2:5: url for remote_read is empty" },
        { "scrape_configs: [\n", "prometheus.yml:2:1: While parsing a node, did not find expected node content." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LoadString_BadConfig_ReportsPositionAndMessage(string yaml, string expected)
    {
        var result = ConfigLoader.LoadString(yaml, "prometheus.yml");
        Assert.Null(result.Config);
        Assert.Equal(expected, Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void LoadFile_SeveralProblems_ReportsAllInFileOrder()
    {
        string path = ConfigTestData.PathOf("multi-errors.bad.yml");
        var result = ConfigLoader.LoadFile(path);
        Assert.Null(result.Config);
        Assert.Equal(
        [
            $"{path}:2:3: global scrape timeout greater than scrape interval",
            $"{path}:2:3: \"1bad\" is not a valid label name",
            $"{path}:7:5: scrape timeout greater than scrape interval for scrape config with job name \"a\"",
            $"{path}:10:5: found multiple scrape configs with job name \"a\"",
            $"{path}:12:9: relabel configuration for replace action requires 'target_label' value",
            $"{path}:13:16: error parsing regexp \"(\": Not enough )'s.",
            $"{path}:14:9: relabel configuration for hashmod requires non-zero modulus",
            $"{path}:17:22: not a valid duration string: \"1x\"",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void LoadString_CheckFiles_ReportsUnreadableCredentials()
    {
        const string yaml = "scrape_configs:\n  - job_name: a\n    bearer_token_file: /nonexistent/token\n";
        Assert.True(ConfigLoader.LoadString(yaml, "prometheus.yml").Success); // Prometheus reads it per scrape
        var strict = ConfigLoader.LoadString(yaml, "prometheus.yml", checkFiles: true);
        Assert.StartsWith("prometheus.yml:2:5: error checking bearer token file \"/nonexistent/token\"", Assert.Single(strict.Errors).ToString());
    }
}
