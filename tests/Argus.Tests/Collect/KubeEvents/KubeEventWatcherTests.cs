using System.Text.Json.Nodes;
using Argus.Collect.KubeEvents;
using Argus.Collect.Kubernetes;
using Argus.Model;
using Argus.Tests.Collect.Kubernetes;
using Argus.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Argus.Tests.Collect.KubeEvents;

/// <summary>The watcher against the in-process API server: Warning events (and only those) count, repeats add their
/// difference, pod status changes become signals, and the alert context reads both.</summary>
[Trait("Category", "Integration")]
public sealed class KubeEventWatcherTests
{
    private static readonly KubeObjectRef s_web = new("shop", "Pod", "web-7d9f8b6c5d-x2k4p");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2025-01-01T10:00:00Z"));

    [Fact]
    public async Task WarningEvents_AndPodStatus_BecomeSignals()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        server.Load(Fixture("../../Kubernetes/testdata/cluster.json"));
        server.Load(Fixture("events.json"));
        using var connection = KubeConnection.FromApiServer(server.Url, new Argus.Config.KubernetesSdConfig());
        await using var factory = new KubeInformerFactory(connection.Client, TimeProvider.System, NullLoggerFactory.Instance, DiscoveryHarness.FastInformers);
        var index = new KubeEventIndex();
        var watcher = new KubeEventWatcher(factory, index, _time);
        await watcher.Events.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        await watcher.Pods.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(3, index.Value(s_web, "BackOff"));
        Assert.Equal(0, index.Value(s_web, "Pulled"));       // Normal events are filtered by the server (type=Warning)
        Assert.Equal(1, index.Value(new KubeObjectRef("shop", "Pod", "pending-0"), "FailedScheduling"));
        var backOff = Assert.Single(index.Recent(s_web));
        Assert.Equal(DateTimeOffset.Parse("2025-01-01T09:59:00Z"), backOff.LastSeen); // the event's own time, not now

        // The kubelet bumps the count of the same event: only the difference is added.
        server.Modify("events", "shop", "web-7d9f8b6c5d-x2k4p.17a1b2c3d4e5f601", e => e["count"] = 5);
        await Poll.UntilAsync(() => Task.FromResult(index.Value(s_web, "BackOff") == 5), TimeSpan.FromSeconds(20));
        Assert.Equal(5, Assert.Single(index.Recent(s_web)).Count);

        // The container is OOM-killed and now crash-loops: two status signals.
        server.Modify("pods", "shop", "web-7d9f8b6c5d-x2k4p", p => p["status"]!["containerStatuses"] = JsonNode.Parse("""
            [{"name":"web","image":"web:1.2","imageID":"","ready":false,"restartCount":4,
              "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 40s restarting failed container=web"}},
              "lastState":{"terminated":{"reason":"OOMKilled","exitCode":137,"containerID":"containerd://abc",
                "startedAt":"2025-01-01T09:57:00Z","finishedAt":"2025-01-01T09:58:30Z"}}},
             {"name":"sidecar","image":"sidecar:1","imageID":"","ready":true,"restartCount":0,"state":{"running":{}}}]
            """));
        await Poll.UntilAsync(() => Task.FromResult(index.Value(s_web, "OOMKilled") == 1), TimeSpan.FromSeconds(20));
        Assert.Equal(1, index.Value(s_web, "CrashLoopBackOff"));

        var families = new List<MetricFamily>();
        index.Collect(families);
        Assert.Equal(4, families.Single(f => f.Name == KubeEventIndex.EventTotal).Points.Count);

        // The alert context: the pod by name, and the deployment through its ReplicaSet.
        var report = Assert.Single(watcher.AlertContext.Describe(Labels.FromStrings("alertname", "KubePodCrashLooping", "namespace", "shop",
            "pod", "web-7d9f8b6c5d-x2k4p", "container", "web")));
        Assert.Equal("Pod shop/web-7d9f8b6c5d-x2k4p", report.Title);
        Assert.Equal("container web: waiting CrashLoopBackOff; last terminated OOMKilled (exit code 137) at 2025-01-01 09:58 UTC; 4 restarts", report.Lines[0]);
        Assert.Contains(report.Lines, l => l.StartsWith("BackOff ×5 (09:59 UTC): Back-off restarting failed container web", StringComparison.Ordinal));
        Assert.Contains(report.Lines, l => l.StartsWith("OOMKilled (10:00 UTC): container web terminated: OOMKilled, exit code 137", StringComparison.Ordinal));

        var byDeployment = watcher.AlertContext.Describe(Labels.FromStrings("alertname", "KubeDeploymentReplicasMismatch", "namespace", "shop", "deployment", "web"));
        Assert.Equal("Pod shop/web-7d9f8b6c5d-x2k4p", Assert.Single(byDeployment).Title);
        Assert.Empty(watcher.AlertContext.Describe(Labels.FromStrings("alertname", "X", "namespace", "shop", "deployment", "web-api")));
        Assert.Empty(watcher.AlertContext.Describe(Labels.FromStrings("alertname", "X", "pod", "web-7d9f8b6c5d-x2k4p"))); // no namespace
    }

    private static string Fixture(string name, [System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "testdata", name));
}
