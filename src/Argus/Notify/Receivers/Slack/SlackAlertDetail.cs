using Argus.Model;

namespace Argus.Notify.Receivers.Slack;

/// <summary>
/// Facts from outside the alert that the default message shows under it, one section each: a plain-text title
/// (<c>Pod shop/web-1</c>) and plain-text lines (escaped when written). Argus fills them from the Kubernetes watchers:
/// recent warning events and containers' last terminations for the pod or workload an alert names.
/// </summary>
public sealed record SlackAlertDetail(string Title, IReadOnlyList<string> Lines)
{
    /// <summary>Most sections one message carries (a group of many alerts names many pods).</summary>
    public const int MaxPerMessage = 3;

    /// <summary>The details of a group's firing alerts, distinct by title, at most <see cref="MaxPerMessage"/>.</summary>
    public static IReadOnlyList<SlackAlertDetail> ForGroup(IEnumerable<Labels> firingAlertLabels, Func<Labels, IReadOnlyList<SlackAlertDetail>> source)
    {
        var result = new List<SlackAlertDetail>();
        foreach (var labels in firingAlertLabels)
        {
            foreach (var d in source(labels))
            {
                if (result.Count == MaxPerMessage) return result;
                if (!result.Exists(r => r.Title == d.Title)) result.Add(d);
            }
        }
        return result;
    }
}
