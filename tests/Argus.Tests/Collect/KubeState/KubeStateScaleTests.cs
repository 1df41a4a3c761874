using Argus.Collect.KubeState;
using k8s;
using k8s.Models;
using Xunit.Abstractions;
using static Argus.Tests.Collect.KubeState.KubeFixtures;

namespace Argus.Tests.Collect.KubeState;

/// <summary>A cluster of 5,000 pods that keeps changing: the view follows every event and its memory stays per object.</summary>
[Trait("Category", "Integration")]
public sealed class KubeStateScaleTests
{
    internal const int Pods = 5000;

    /// <summary>The fixture's two-container deployment pod, renamed, spread over 50 nodes and 20 namespaces.</summary>
    internal static V1Pod MakePod(V1Pod template, int i)
    {
        var p = Clone(template);
        p.Metadata.Name = $"api-{i}";
        p.Metadata.Uid = $"00000000-0000-4000-8000-{i:D12}";
        p.Metadata.NamespaceProperty = $"ns-{i % 20}";
        p.Spec.NodeName = $"node-{i % 50}";
        p.Status.PodIP = $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}";
        p.Status.PodIPs = [new V1PodIP { Ip = p.Status.PodIP }];
        p.Status.HostIP = $"10.0.0.{i % 50}";
        return p;
    }

    [Fact]
    public void FiveThousandPods_Changing_ViewFollowsEveryEvent()
    {
        var template = One<V1Pod>("pods.json", "api-7d4b9c8f6-x2x9k");
        var pods = Enumerable.Range(0, Pods).Select(i => MakePod(template, i)).ToList();
        var collector = new KubeStateCollector();
        collector.Replace("pods", pods);
        long seriesPerPod = collector.SeriesCount / Pods;

        var restarts = new int[Pods + 1000];
        var running = new bool[Pods + 1000];
        var alive = new bool[Pods + 1000];
        for (int i = 0; i < Pods; i++) (restarts[i], running[i], alive[i]) = (2, true, true);
        int next = Pods;
        var random = new Random(42);
        for (int round = 0; round < 4; round++)
        {
            // 1,000 updates (a restart, and every other one flips to Pending), 200 deletions, 200 creations.
            for (int k = 0; k < 1000; k++)
            {
                int i = random.Next(next);
                if (!alive[i]) continue;
                var p = MakePod(template, i);
                restarts[i]++;
                running[i] = k % 2 == 0 ? !running[i] : running[i];
                p.Status.ContainerStatuses[0].RestartCount = restarts[i];
                p.Status.Phase = running[i] ? "Running" : "Pending";
                collector.Apply(WatchEventType.Modified, p);
            }
            for (int k = 0; k < 200; k++)
            {
                int i = random.Next(next);
                if (!alive[i]) continue;
                alive[i] = false;
                collector.Apply(WatchEventType.Deleted, MakePod(template, i));
            }
            for (int k = 0; k < 200; k++, next++)
            {
                (restarts[next], running[next], alive[next]) = (2, true, true);
                collector.Apply(WatchEventType.Added, MakePod(template, next));
            }

            var families = CollectAll(collector);
            int expectedPods = alive.Count(a => a);
            Assert.Equal(expectedPods, Count(families, "kube_pod_info"));
            Assert.Equal(expectedPods, collector.ObjectCount("pods"));
            double restartSum = families.Single(f => f.Name == "kube_pod_container_status_restarts_total").Points
                .Where(p => p.Labels.Get("container") == "api").Sum(p => p.Value);
            Assert.Equal(Enumerable.Range(0, next).Where(i => alive[i]).Sum(i => restarts[i]), restartSum);
            double runningSum = families.Single(f => f.Name == "kube_pod_status_phase").Points
                .Where(p => p.Labels.Get("phase") == "Running").Sum(p => p.Value);
            Assert.Equal(Enumerable.Range(0, next).Count(i => alive[i] && running[i]), runningSum);
            Assert.Equal(expectedPods * seriesPerPod, collector.SeriesCount);
        }
    }
}
