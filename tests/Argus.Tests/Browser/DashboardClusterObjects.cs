using Argus.Tests.Testing;

namespace Argus.Tests.Browser;

/// <summary>
/// Objects added to the discovery tests' cluster so every workload kind the dashboards show exists: a Deployment
/// (api, via its ReplicaSet) whose pod has CPU and memory requests and limits, a StatefulSet with a bound claim, a
/// DaemonSet, a Job, a PersistentVolume, and node capacity. The api pod sorts first in namespace "shop", so the
/// dashboards' pod variable picks it, and <see cref="DashboardKubelet"/> serves its container series.
/// </summary>
public static class DashboardClusterObjects
{
    public const string Pod = "api-6b8f7c9d4-abcde";

    private static string Fill(string json) =>
        json.Replace("@created@", "\"creationTimestamp\": \"2025-01-01T00:00:00Z\"", StringComparison.Ordinal).Replace("@pod@", Pod, StringComparison.Ordinal);

    public static void AddTo(FakeKubeApiServer kube)
    {
        kube.Modify("nodes", null, "worker-1", node =>
        {
            var status = node["status"]!.AsObject();
            status["capacity"] = System.Text.Json.Nodes.JsonNode.Parse("""{"cpu": "4", "memory": "16Gi", "pods": "110"}""");
            status["allocatable"] = System.Text.Json.Nodes.JsonNode.Parse("""{"cpu": "3800m", "memory": "15Gi", "pods": "110"}""");
        });
        kube.Add("deployments", Fill("""
            {"metadata": {"name": "api", "namespace": "shop", "uid": "dep-api", "generation": 2, @created@},
             "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "api"}}, "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}}},
             "status": {"observedGeneration": 2, "replicas": 1, "readyReplicas": 1, "availableReplicas": 1, "updatedReplicas": 1}}
            """));
        kube.Add("replicasets", Fill("""
            {"metadata": {"name": "api-6b8f7c9d4", "namespace": "shop", "uid": "rs-api", "generation": 1, @created@,
              "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "api", "uid": "dep-api", "controller": true}]},
             "spec": {"replicas": 1}, "status": {"replicas": 1, "readyReplicas": 1, "fullyLabeledReplicas": 1, "observedGeneration": 1}}
            """));
        kube.Add("pods", Fill("""
            {"metadata": {"name": "@pod@", "namespace": "shop", "uid": "pod-api", "labels": {"app": "api"}, @created@,
              "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "api-6b8f7c9d4", "uid": "rs-api", "controller": true}]},
             "spec": {"nodeName": "worker-1", "containers": [{"name": "api", "image": "registry.example/api:2.0",
               "resources": {"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"cpu": "1", "memory": "512Mi"}}}]},
             "status": {"phase": "Running", "hostIP": "10.0.0.11", "podIP": "10.244.1.30", "qosClass": "Burstable", "startTime": "2025-01-01T00:00:00Z",
               "conditions": [{"type": "Ready", "status": "True"}, {"type": "PodScheduled", "status": "True"}],
               "containerStatuses": [{"name": "api", "ready": true, "restartCount": 1, "image": "registry.example/api:2.0",
                 "containerID": "containerd://api1", "state": {"running": {"startedAt": "2025-01-01T00:00:00Z"}}}]}}
            """));
        kube.Add("statefulsets", Fill("""
            {"metadata": {"name": "db", "namespace": "shop", "uid": "sts-db", "generation": 1, @created@},
             "spec": {"replicas": 1, "serviceName": "db", "selector": {"matchLabels": {"app": "db"}}},
             "status": {"replicas": 1, "readyReplicas": 1, "currentReplicas": 1, "updatedReplicas": 1, "availableReplicas": 1, "observedGeneration": 1,
               "currentRevision": "db-1", "updateRevision": "db-1"}}
            """));
        kube.Add("daemonsets", Fill("""
            {"metadata": {"name": "agent", "namespace": "shop", "uid": "ds-agent", "generation": 1, @created@},
             "spec": {"selector": {"matchLabels": {"app": "agent"}}},
             "status": {"currentNumberScheduled": 1, "desiredNumberScheduled": 1, "numberAvailable": 1, "numberReady": 1, "updatedNumberScheduled": 1, "observedGeneration": 1}}
            """));
        kube.Add("jobs", Fill("""
            {"metadata": {"name": "backup", "namespace": "shop", "uid": "job-backup", @created@},
             "spec": {"completions": 1, "parallelism": 1}, "status": {"succeeded": 1, "startTime": "2025-01-01T00:00:00Z", "completionTime": "2025-01-01T00:01:00Z"}}
            """));
        kube.Add("persistentvolumes", Fill("""
            {"metadata": {"name": "pv-db", "uid": "pv-db", @created@},
             "spec": {"capacity": {"storage": "10Gi"}, "accessModes": ["ReadWriteOnce"], "storageClassName": "standard",
               "claimRef": {"namespace": "shop", "name": "data-db-0"}, "hostPath": {"path": "/data/db"}},
             "status": {"phase": "Bound"}}
            """));
        kube.Add("persistentvolumeclaims", Fill("""
            {"metadata": {"name": "data-db-0", "namespace": "shop", "uid": "pvc-db", @created@},
             "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "standard", "volumeName": "pv-db", "resources": {"requests": {"storage": "10Gi"}}},
             "status": {"phase": "Bound", "capacity": {"storage": "10Gi"}}}
            """));
    }
}
