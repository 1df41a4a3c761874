using System.Globalization;
using System.Text;
using Argus.Model;
using k8s.Models;

namespace Argus.Collect.KubeEvents;

/// <summary>
/// Turns an alert's labels into reports about the Kubernetes objects they name, for the Slack message of a firing alert:
/// <c>namespace</c> + <c>pod</c> names a pod; <c>namespace</c> + <c>deployment</c>, <c>statefulset</c>, <c>daemonset</c>,
/// <c>replicaset</c>, <c>job_name</c> or <c>cronjob</c> (kube-state-metrics' label names) names a workload, reported
/// with its own recent warnings and those of up to <see cref="MaxPodsPerWorkload"/> of its pods that show trouble. A pod
/// report has each troubled container's current waiting reason, last terminated reason and exit code and restart count
/// (from the informer's pod view), then the pod's recent warnings.
/// </summary>
public sealed class KubeAlertContext(KubeEventIndex index, Func<string, string, V1Pod?> getPod, Func<IReadOnlyList<V1Pod>> listPods)
{
    public const int MaxPodsPerWorkload = 3;
    private const int MaxContainerLines = 5;

    private static readonly (string Label, string Kind)[] s_workloads =
    [
        ("deployment", "Deployment"), ("statefulset", "StatefulSet"), ("daemonset", "DaemonSet"),
        ("replicaset", "ReplicaSet"), ("job_name", "Job"), ("cronjob", "CronJob"),
    ];

    /// <summary>Reports for the objects <paramref name="labels"/> name; empty when they name none, or nothing is known.</summary>
    public IReadOnlyList<KubeObjectReport> Describe(Labels labels)
    {
        string ns = labels.Get("namespace");
        if (ns.Length == 0) return [];
        var reports = new List<KubeObjectReport>();
        string podName = labels.Get("pod");
        if (podName.Length > 0)
        {
            if (PodReport(ns, podName, getPod(ns, podName)) is { } r) reports.Add(r);
            return reports;
        }
        foreach (var (label, kind) in s_workloads)
        {
            string name = labels.Get(label);
            if (name.Length == 0) continue;
            var lines = new List<string>();
            AddEvents(lines, index.Recent(new KubeObjectRef(ns, kind, name)));
            if (kind == "Deployment")
            {
                foreach (var rs in index.ObjectsWithWarnings(ns, "ReplicaSet"))
                {
                    if (IsGeneratedName(rs.Name, name)) AddEvents(lines, index.Recent(rs), rs.Kind + " " + rs.Name + ": ");
                }
            }
            if (lines.Count > 0) reports.Add(new KubeObjectReport($"{kind} {ns}/{name}", lines));
            int pods = 0;
            foreach (var pod in listPods())
            {
                if (pods == MaxPodsPerWorkload) break;
                if (pod.Metadata.NamespaceProperty != ns || !OwnedBy(pod, kind, name)) continue;
                if (PodReport(ns, pod.Metadata.Name, pod) is { } r)
                {
                    reports.Add(r);
                    pods++;
                }
            }
            break;
        }
        return reports;
    }

    private KubeObjectReport? PodReport(string ns, string name, V1Pod? pod)
    {
        var lines = new List<string>();
        if (pod is not null)
        {
            if (pod.Status?.Reason is { Length: > 0 } reason) lines.Add($"pod {pod.Status.Phase}: {reason}" + (pod.Status.Message is { Length: > 0 } m ? " – " + m : ""));
            foreach (var c in KubePodSignals.Containers(pod))
            {
                if (lines.Count == MaxContainerLines) break;
                if (ContainerLine(c) is { } line) lines.Add(line);
            }
        }
        AddEvents(lines, index.Recent(new KubeObjectRef(ns, "Pod", name)));
        return lines.Count == 0 ? null : new KubeObjectReport($"Pod {ns}/{name}", lines);
    }

    /// <summary><c>container app: waiting CrashLoopBackOff; last terminated OOMKilled (exit code 137) at …; 5 restarts</c>,
    /// or null for a container that is running (or exited 0) and never restarted.</summary>
    public static string? ContainerLine(V1ContainerStatus c)
    {
        var parts = new List<string>();
        if (c.State?.Waiting?.Reason is { Length: > 0 } waiting) parts.Add("waiting " + waiting);
        // A container that exited 0 (a finished init container, a completed job) is no trouble; a last termination is.
        var t = c.State?.Terminated is { ExitCode: not 0 } now ? now : c.LastState?.Terminated;
        if (t is not null)
        {
            string when = t.FinishedAt is { } f ? " at " + f.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "";
            parts.Add($"{(t == c.State?.Terminated ? "terminated" : "last terminated")} {t.Reason ?? "unknown"} (exit code {t.ExitCode}){when}");
        }
        if (c.RestartCount > 0) parts.Add(c.RestartCount == 1 ? "1 restart" : $"{c.RestartCount} restarts");
        return parts.Count == 0 ? null : $"container {c.Name}: {string.Join("; ", parts)}";
    }

    private static void AddEvents(List<string> lines, IReadOnlyList<KubeRecentEvent> events, string prefix = "")
    {
        foreach (var e in events)
        {
            var sb = new StringBuilder(prefix).Append(e.Reason);
            if (e.Count > 1) sb.Append(" ×").Append(e.Count);
            sb.Append(" (").Append(e.LastSeen.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)).Append(" UTC)");
            if (e.Message.Length > 0) sb.Append(": ").Append(e.Message);
            lines.Add(sb.ToString());
        }
    }

    /// <summary>Whether the pod belongs to the workload through its owner references (a Deployment's pods through their
    /// ReplicaSet, named deployment-hash; a CronJob's through its Job, named cronjob-schedule).</summary>
    public static bool OwnedBy(V1Pod pod, string kind, string name)
    {
        foreach (var o in pod.Metadata.OwnerReferences ?? [])
        {
            if (o.Kind == kind && o.Name == name) return true;
            if (kind == "Deployment" && o.Kind == "ReplicaSet" && IsGeneratedName(o.Name, name)) return true;
            if (kind == "CronJob" && o.Kind == "Job" && IsGeneratedName(o.Name, name)) return true;
        }
        return false;
    }

    // name-<suffix> where the suffix has no further dash: web-7d9f8b6c5d is web's, web-api-7d9f8b6c5d is not.
    private static bool IsGeneratedName(string generated, string owner) =>
        generated.Length > owner.Length + 1 && generated.StartsWith(owner, StringComparison.Ordinal) && generated[owner.Length] == '-'
        && !generated.AsSpan(owner.Length + 1).Contains('-');
}
