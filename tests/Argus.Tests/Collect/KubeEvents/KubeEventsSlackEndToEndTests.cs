using System.Text.Json.Nodes;
using Argus.Tests.Collect.Kubernetes;
using Argus.Tests.Testing;

namespace Argus.Tests.Collect.KubeEvents;

/// <summary>
/// Events as signals end to end, through the real process: a pod is OOM-killed and crash-loops on the in-process API
/// server, kube-state-metrics' last-terminated-reason series fires an alert, and the Slack message FakeSlack receives
/// carries the pod's container state (reason, exit code) and its recent warning events. The warnings are also in the
/// store as argus_kube_event_total, and the cluster-state families are served on /metrics/kube-state.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KubeEventsSlackEndToEndTests
{
    private const string Web = "web-7d9f8b6c5d-x2k4p";

    [Fact]
    public async Task OomKilledPod_AlertsToSlack_WithContainerStateAndEvents()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var cluster = await KubeClusterArgus.StartAsync(kube =>
        {
            kube.Load(Testdata("../../Kubernetes/testdata/cluster.json"));
            kube.Load(Testdata("events.json"));
            // Recent, as the index keeps warnings for an hour after they were last seen.
            kube.Modify("events", "shop", "web-7d9f8b6c5d-x2k4p.17a1b2c3d4e5f601",
                e => e["lastTimestamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        }, (dir, _) =>
        {
            File.WriteAllText(Path.Combine(dir, "alerts.yml"), """
                groups:
                  - name: pods
                    rules:
                      - alert: KubeContainerOOMKilled
                        expr: kube_pod_container_status_last_terminated_reason{reason="OOMKilled"} == 1
                        labels:
                          severity: warning
                        annotations:
                          summary: 'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} was OOM-killed'
                """);
            return """
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                rule_files: [alerts.yml]
                """;
        }, _ => $"""
            route:
              receiver: team
              group_by: [alertname, namespace, pod]
              group_wait: 1s
              group_interval: 1m
              repeat_interval: 1h
            receivers:
              - name: team
                slack_configs:
                  - api_url: {slack.WebhookUrl}
                    channel: '#alerts'
            """, "--rules.alert.resend-delay=1s");

        await cluster.UntilAsync(async () => (await cluster.QueryAsync(
            $"argus_kube_event_total{{job=\"kube-events\",namespace=\"shop\",kind=\"Pod\",name=\"{Web}\",reason=\"BackOff\"}}")).Count == 1,
            TimeSpan.FromSeconds(90));

        cluster.Kube.Modify("pods", "shop", Web, p => p["status"]!["containerStatuses"] = JsonNode.Parse("""
            [{"name":"web","image":"web:1.2","imageID":"","ready":false,"restartCount":4,
              "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 40s restarting failed container=web"}},
              "lastState":{"terminated":{"reason":"OOMKilled","exitCode":137,"containerID":"containerd://abc",
                "startedAt":"2025-01-01T09:57:00Z","finishedAt":"2025-01-01T09:58:30Z"}}},
             {"name":"sidecar","image":"sidecar:1","imageID":"","ready":true,"restartCount":0,"state":{"running":{}}}]
            """));

        try
        {
            await cluster.UntilAsync(() => Task.FromResult(slack.Accepted.Count > 0), TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no Slack message; requests: {slack.Requests.Count}\n{cluster.Output}");
        }
        string body = Texts(System.Text.Json.JsonDocument.Parse(slack.Accepted[0].Body).RootElement);
        Assert.Contains("KubeContainerOOMKilled", body, StringComparison.Ordinal);
        Assert.Contains($"*Pod shop/{Web}*", body, StringComparison.Ordinal);
        Assert.Contains("container web: waiting CrashLoopBackOff; last terminated OOMKilled (exit code 137) at 2025-01-01 09:58 UTC; 4 restarts", body, StringComparison.Ordinal);
        Assert.Matches(@"BackOff ×3 \(\d\d:\d\d UTC\): Back-off restarting failed container web", body);

        // The status signals are counted too.
        await cluster.UntilAsync(async () => (await cluster.QueryAsync(
            $"argus_kube_event_total{{namespace=\"shop\",name=\"{Web}\",reason=~\"OOMKilled|CrashLoopBackOff\"}}")).Count == 2,
            TimeSpan.FromSeconds(60));

        // kube-state-metrics for other scrapers.
        string ksm = await cluster.Http.GetStringAsync("/metrics/kube-state");
        Assert.Contains($"kube_pod_info{{", ksm, StringComparison.Ordinal);
        Assert.Contains($"pod=\"{Web}\"", ksm, StringComparison.Ordinal);
        Assert.Contains("# TYPE kube_pod_container_status_last_terminated_reason gauge", ksm, StringComparison.Ordinal);
    }

    // Every string of the message, decoded (the JSON escapes non-ASCII such as ×), one per line.
    private static string Texts(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => e.GetString()! + "\n",
        System.Text.Json.JsonValueKind.Object => string.Concat(e.EnumerateObject().Select(p => Texts(p.Value))),
        System.Text.Json.JsonValueKind.Array => string.Concat(e.EnumerateArray().Select(Texts)),
        _ => "",
    };

    private static string Testdata(string name, [System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "testdata", name));
}
