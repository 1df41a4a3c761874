using Argus.Model;

namespace Argus.Notify.Receivers.Slack;

/// <summary>
/// The neutral input of Argus's default Slack message: one flush of one aggregation group for one receiver, the same
/// facts Alertmanager's template data carries (<c>.Receiver .Status .GroupLabels .CommonLabels .CommonAnnotations
/// .Alerts .ExternalURL</c>).
/// </summary>
public sealed record SlackAlertGroup
{
    /// <summary>The aggregation group's key; identifies the message a bot token updates and threads under.</summary>
    public required string GroupKey { get; init; }
    public string Receiver { get; init; } = "";
    public Labels GroupLabels { get; init; } = Labels.Empty;
    public Labels CommonLabels { get; init; } = Labels.Empty;
    public Labels CommonAnnotations { get; init; } = Labels.Empty;
    public required IReadOnlyList<SlackAlert> Alerts { get; init; }

    /// <summary>The Argus UI base URL (<c>--web.external-url</c>), without a trailing slash.</summary>
    public string ExternalUrl { get; init; } = "";

    /// <summary>Sections about the objects the firing alerts name (Kubernetes pods and workloads), shown under the labels.</summary>
    public IReadOnlyList<SlackAlertDetail> Details { get; init; } = [];

    /// <summary>Builds the "new silence" link from matchers; null uses <see cref="SlackLinks.Silence"/>.</summary>
    public Func<string, Labels, string>? SilenceUrlBuilder { get; init; }

    /// <summary>"firing" when any alert fires, as Alertmanager's <c>.Status</c>.</summary>
    public bool Firing
    {
        get
        {
            foreach (var a in Alerts) if (!a.Resolved) return true;
            return false;
        }
    }
}
