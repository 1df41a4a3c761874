using Argus.Model;
using Argus.Notify.Receivers.Slack;

namespace Argus.Tests.Collect.KubeEvents;

/// <summary>The seam the event signals use: details become an escaped section of Argus's default Slack message, only
/// while the group fires, distinct by title and capped per message.</summary>
public sealed class SlackAlertDetailTests
{
    private static SlackAlertGroup Group(bool resolved, IReadOnlyList<SlackAlertDetail> details) => new()
    {
        GroupKey = "{}:{alertname=\"KubePodCrashLooping\"}",
        GroupLabels = Labels.FromStrings("alertname", "KubePodCrashLooping"),
        CommonLabels = Labels.FromStrings("alertname", "KubePodCrashLooping", "namespace", "shop", "pod", "web-1"),
        Alerts = [new SlackAlert { Labels = Labels.FromStrings("alertname", "KubePodCrashLooping", "namespace", "shop", "pod", "web-1"), Resolved = resolved }],
        Details = details,
    };

    private static readonly SlackAlertDetail s_detail = new("Pod shop/web-1",
        ["container app: last terminated OOMKilled (exit code 137); 3 restarts", "BackOff ×5 (09:59 UTC): <back-off> & retry"]);

    [Fact]
    public void Build_Firing_AddsDetailSection()
    {
        var message = SlackDefaultMessage.Build(Group(resolved: false, [s_detail]));
        var section = Assert.Single(message.Attachments[0].Blocks, b => b.Text.StartsWith("*Pod shop/web-1*", StringComparison.Ordinal));
        Assert.Equal("*Pod shop/web-1*\n• container app: last terminated OOMKilled (exit code 137); 3 restarts\n• BackOff ×5 (09:59 UTC): &lt;back-off&gt; &amp; retry",
            section.Text);
    }

    [Fact]
    public void Build_Resolved_OmitsDetails()
    {
        var message = SlackDefaultMessage.Build(Group(resolved: true, [s_detail]));
        Assert.DoesNotContain(message.Attachments[0].Blocks, b => b.Text.Contains("Pod shop/web-1", StringComparison.Ordinal));
    }

    [Fact]
    public void ForGroup_DistinctByTitle_AndCapped()
    {
        var alerts = Enumerable.Range(0, 6).Select(i => Labels.FromStrings("pod", "p" + (i / 2)));
        var details = SlackAlertDetail.ForGroup(alerts, l => [new SlackAlertDetail("Pod " + l.Get("pod"), ["x"]), new SlackAlertDetail("Deployment d", ["y"])]);
        Assert.Equal(["Pod p0", "Deployment d", "Pod p1"], details.Select(d => d.Title));
    }
}
