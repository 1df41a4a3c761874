using System.Globalization;
using k8s.Models;

namespace Argus.Collect.KubeEvents;

/// <summary>
/// The warnings a pod's status shows that events may not: a container that starts waiting with a failure reason
/// (CrashLoopBackOff, ImagePullBackOff …), a container whose last termination was OOMKilled, a pod that was Evicted.
/// Each is reported once per transition: a new waiting reason, a new termination (another container ID or finish time),
/// a pod newly evicted. The first sight of a pod (<c>old</c> null) reports what it shows.
/// </summary>
public static class KubePodSignals
{
    /// <summary>Waiting reasons that mean a container cannot run (kubelet's images and kuberuntime packages).</summary>
    public static readonly IReadOnlySet<string> WaitingReasons = new HashSet<string>(StringComparer.Ordinal)
    {
        "CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "ErrImageNeverPull", "InvalidImageName",
        "CreateContainerConfigError", "CreateContainerError", "RunContainerError",
    };

    /// <summary>Termination reasons worth a signal (a plain "Error" exit shows as CrashLoopBackOff once it repeats).</summary>
    public static readonly IReadOnlySet<string> TerminatedReasons = new HashSet<string>(StringComparer.Ordinal)
    {
        "OOMKilled", "ContainerCannotRun", "DeadlineExceeded",
    };

    public static List<KubePodSignal> Detect(V1Pod? old, V1Pod pod)
    {
        var signals = new List<KubePodSignal>();
        if (pod.Status?.Reason == "Evicted" && old?.Status?.Reason != "Evicted")
        {
            signals.Add(new KubePodSignal("", "Evicted", pod.Status.Message ?? "The pod was evicted."));
        }
        foreach (var c in Containers(pod))
        {
            var before = Containers(old).FirstOrDefault(o => o.Name == c.Name);
            string? waiting = c.State?.Waiting?.Reason;
            if (waiting is not null && WaitingReasons.Contains(waiting) && before?.State?.Waiting?.Reason != waiting)
            {
                string message = c.State!.Waiting!.Message is { Length: > 0 } m ? m : $"container {c.Name} is waiting: {waiting}";
                signals.Add(new KubePodSignal(c.Name, waiting, message));
            }
            var terminated = c.LastState?.Terminated ?? c.State?.Terminated;
            var beforeTerminated = before?.LastState?.Terminated ?? before?.State?.Terminated;
            if (terminated?.Reason is { } reason && TerminatedReasons.Contains(reason) && !SameTermination(terminated, beforeTerminated))
            {
                signals.Add(new KubePodSignal(c.Name, reason, Describe(c.Name, terminated)));
            }
        }
        return signals;
    }

    /// <summary><c>container app terminated: OOMKilled, exit code 137, at 2025-01-01 10:00 UTC</c>.</summary>
    public static string Describe(string container, V1ContainerStateTerminated t)
    {
        string at = t.FinishedAt is { } f ? ", at " + f.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "";
        return $"container {container} terminated: {t.Reason ?? "unknown reason"}, exit code {t.ExitCode}{at}";
    }

    /// <summary>Regular, init and ephemeral container statuses.</summary>
    public static IEnumerable<V1ContainerStatus> Containers(V1Pod? pod)
    {
        if (pod?.Status is not { } s) yield break;
        foreach (var c in s.InitContainerStatuses ?? []) yield return c;
        foreach (var c in s.ContainerStatuses ?? []) yield return c;
        foreach (var c in s.EphemeralContainerStatuses ?? []) yield return c;
    }

    private static bool SameTermination(V1ContainerStateTerminated now, V1ContainerStateTerminated? before) =>
        before is not null && before.ContainerID == now.ContainerID && before.FinishedAt == now.FinishedAt && before.Reason == now.Reason;
}
