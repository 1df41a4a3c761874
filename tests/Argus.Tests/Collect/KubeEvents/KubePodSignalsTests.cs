using Argus.Collect.KubeEvents;
using k8s.Models;

namespace Argus.Tests.Collect.KubeEvents;

public sealed class KubePodSignalsTests
{
    internal static V1Pod Pod(string? waiting = null, string? terminated = null, int exitCode = 0, string containerId = "containerd://1",
        string? podReason = null, int restarts = 0) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web-1", NamespaceProperty = "shop" },
        Status = new V1PodStatus
        {
            Phase = podReason is null ? "Running" : "Failed",
            Reason = podReason,
            Message = podReason is null ? null : "The node was low on resource: memory.",
            ContainerStatuses =
            [
                new V1ContainerStatus
                {
                    Name = "app", Image = "app:1", ImageID = "", Ready = waiting is null, RestartCount = restarts,
                    State = waiting is null ? new V1ContainerState { Running = new V1ContainerStateRunning() }
                        : new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = waiting, Message = "back-off 5m0s restarting failed container" } },
                    LastState = terminated is null ? new V1ContainerState() : new V1ContainerState
                    {
                        Terminated = new V1ContainerStateTerminated
                        {
                            Reason = terminated, ExitCode = exitCode, ContainerID = containerId,
                            FinishedAt = new DateTime(2025, 1, 1, 9, 58, 0, DateTimeKind.Utc),
                        },
                    },
                },
            ],
        },
    };

    [Fact]
    public void Detect_FirstSight_ReportsCurrentTrouble()
    {
        var signals = KubePodSignals.Detect(null, Pod(waiting: "CrashLoopBackOff", terminated: "OOMKilled", exitCode: 137));
        Assert.Equal(["CrashLoopBackOff", "OOMKilled"], signals.Select(s => s.Reason));
        Assert.Equal("container app terminated: OOMKilled, exit code 137, at 2025-01-01 09:58:00 UTC", signals[1].Message);
        Assert.All(signals, s => Assert.Equal("app", s.Container));
    }

    [Fact]
    public void Detect_SameStateAgain_ReportsNothing()
    {
        var pod = Pod(waiting: "CrashLoopBackOff", terminated: "OOMKilled", exitCode: 137);
        Assert.Empty(KubePodSignals.Detect(pod, Pod(waiting: "CrashLoopBackOff", terminated: "OOMKilled", exitCode: 137)));
    }

    [Fact]
    public void Detect_NewTermination_ReportsItOnce()
    {
        var before = Pod(terminated: "OOMKilled", exitCode: 137, containerId: "containerd://1");
        var after = Pod(terminated: "OOMKilled", exitCode: 137, containerId: "containerd://2");
        Assert.Equal("OOMKilled", Assert.Single(KubePodSignals.Detect(before, after)).Reason);
    }

    [Theory]
    [InlineData("ImagePullBackOff", true)]
    [InlineData("ErrImagePull", true)]
    [InlineData("ContainerCreating", false)]   // normal start-up, not trouble
    [InlineData("PodInitializing", false)]
    public void Detect_WaitingReason_OnlyFailures(string reason, bool reported) =>
        Assert.Equal(reported, KubePodSignals.Detect(Pod(), Pod(waiting: reason)).Any(s => s.Reason == reason));

    [Fact]
    public void Detect_PlainErrorExit_IsNotASignal() =>
        Assert.Empty(KubePodSignals.Detect(Pod(), Pod(terminated: "Error", exitCode: 1)));

    [Fact]
    public void Detect_Evicted_ReportsPodSignal()
    {
        var s = Assert.Single(KubePodSignals.Detect(Pod(), Pod(podReason: "Evicted")));
        Assert.Equal(("", "Evicted"), (s.Container, s.Reason));
        Assert.Contains("low on resource", s.Message);
    }
}
