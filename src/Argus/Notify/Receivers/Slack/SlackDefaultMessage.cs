using System.Globalization;
using System.Text;
using Argus.Model;

namespace Argus.Notify.Receivers.Slack;

/// <summary>
/// Argus's default Slack message for an alert group, used when a <c>slack_configs</c> entry sets no title/text of its
/// own (docs/slack.md shows it). One attachment whose colour bar gives the severity, holding Block Kit blocks: a header
/// with state and counts, the summary and description, the labels and value as fields, up to
/// <see cref="MaxAlertsListed"/> alerts then "+N more", Runbook / Graph / Silence buttons, and a context line. The
/// top-level text is the notification text and the webhook fallback. Every interpolated value is mrkdwn-escaped.
/// </summary>
public static class SlackDefaultMessage
{
    public const int MaxAlertsListed = 10;
    public const string ColorCritical = "#E01E5A";
    public const string ColorWarning = "#ECB22E";
    public const string ColorInfo = "#36C5F0";
    public const string ColorResolved = "#2EB67D";

    // Labels shown in the header or used to tell alerts apart rather than listed as fields.
    private static readonly string[] s_hiddenLabels = ["alertname"];

    public static SlackMessage Build(SlackAlertGroup group, string channel = "", string username = "")
    {
        int firing = 0, resolved = 0;
        foreach (var a in group.Alerts)
        {
            if (a.Resolved) resolved++;
            else firing++;
        }
        bool isFiring = firing > 0;
        SlackAlert? first = group.Alerts.Count > 0 ? group.Alerts[0] : null;
        Labels labels = group.Alerts.Count == 1 ? first!.Labels : group.CommonLabels;
        Labels annotations = group.Alerts.Count == 1 ? first!.Annotations : group.CommonAnnotations;

        string title = Title(group, firing, resolved);
        string severity = Severity(group);
        var blocks = new List<SlackBlock>
        {
            SlackBlock.Header((isFiring ? SeverityEmoji(severity) + " " : "✅ ") + title),
        };

        var about = new StringBuilder();
        if (annotations.Get("summary") is { Length: > 0 } summary) about.Append('*').Append(SlackText.Escape(summary)).Append('*');
        if (annotations.Get("description") is { Length: > 0 } description)
        {
            if (about.Length > 0) about.Append('\n');
            about.Append(SlackText.Escape(description));
        }
        if (about.Length > 0) blocks.Add(SlackBlock.Section(about.ToString()));

        var fields = new List<string>();
        foreach (var l in labels)
        {
            if (Array.IndexOf(s_hiddenLabels, l.Name) >= 0 || l.Name == "value") continue;
            fields.Add($"*{SlackText.Escape(l.Name)}*\n{SlackText.Escape(l.Value)}");
        }
        if (group.Alerts.Count == 1) AddTimingFields(first!, fields);
        if (fields.Count > SlackLimits.SectionFields)
        {
            // Keep value/timing (appended last) and as many labels as fit.
            int extra = fields.Count - SlackLimits.SectionFields;
            int timing = group.Alerts.Count == 1 ? TimingFieldCount(first!) : 0;
            fields.RemoveRange(fields.Count - timing - extra, extra);
        }
        if (fields.Count > 0) blocks.Add(SlackBlock.SectionFields(fields));

        if (group.Alerts.Count > 1) blocks.Add(SlackBlock.Section(AlertList(group, labels)));
        if (isFiring) foreach (var detail in group.Details) blocks.Add(SlackBlock.Section(Detail(detail)));

        var buttons = new List<SlackButton>();
        string runbook = annotations.Get("runbook_url");
        if (runbook.Length == 0 && first is not null) runbook = first.Annotations.Get("runbook_url");
        if (runbook.Length > 0) buttons.Add(new SlackButton("Runbook", runbook, "primary", "runbook"));
        if (first is not null && SlackLinks.Graph(group.ExternalUrl, first) is { Length: > 0 } graph) buttons.Add(new SlackButton("Graph", graph, "", "graph"));
        if (isFiring && group.ExternalUrl.Length > 0)
        {
            Labels matchers = group.GroupLabels.Count > 0 ? group.GroupLabels : labels;
            string silence = group.SilenceUrlBuilder is { } build ? build(group.ExternalUrl, matchers) : SlackLinks.Silence(group.ExternalUrl, matchers);
            buttons.Add(new SlackButton("Silence", silence, "danger", "silence"));
        }
        if (buttons.Count > 0) blocks.Add(SlackBlock.Actions(buttons));

        var context = new StringBuilder("Argus");
        if (group.Receiver.Length > 0) context.Append(" · receiver ").Append(SlackText.Escape(group.Receiver));
        if (first is not null) context.Append(" · since ").Append(SlackDate(first.StartsAt));
        blocks.Add(SlackBlock.Context([context.ToString()]));

        string text = SlackText.Escape(title) + (severity.Length > 0 && isFiring ? $" ({SlackText.Escape(severity)})" : "");
        return new SlackMessage
        {
            Channel = channel,
            Username = username,
            Text = text,
            Attachments =
            [
                new SlackAttachment
                {
                    Fallback = text,
                    Color = isFiring ? SeverityColor(severity) : ColorResolved,
                    Blocks = blocks,
                },
            ],
        };
    }

    /// <summary>
    /// <c>[FIRING:3] AlertName (group label values)</c>, <c>[FIRING:2, RESOLVED:1] …</c> or <c>[RESOLVED:3] …</c>: the
    /// Alertmanager subject with both counts; the alert name comes first, then the other group labels' values.
    /// </summary>
    public static string Title(SlackAlertGroup group, int firing, int resolved)
    {
        var sb = new StringBuilder("[");
        if (firing > 0) sb.Append("FIRING:").Append(firing);
        if (firing > 0 && resolved > 0) sb.Append(", ");
        if (resolved > 0 || firing == 0) sb.Append("RESOLVED:").Append(resolved);
        sb.Append("] ");
        string name = group.GroupLabels.Get("alertname");
        if (name.Length == 0) name = group.CommonLabels.Get("alertname");
        if (name.Length == 0 && group.Alerts.Count > 0) name = group.Alerts[0].Labels.Get("alertname");
        sb.Append(name.Length > 0 ? name : "Alerts");
        var others = new List<string>();
        foreach (var l in group.GroupLabels) if (l.Name != "alertname") others.Add(l.Value);
        if (others.Count > 0) sb.Append(" (").AppendJoin(' ', others).Append(')');
        return sb.ToString();
    }

    /// <summary>The group's severity: the common <c>severity</c> label, else the most severe among firing alerts.</summary>
    public static string Severity(SlackAlertGroup group)
    {
        string common = group.CommonLabels.Get("severity");
        if (common.Length > 0) return common;
        string best = "";
        foreach (var a in group.Alerts)
        {
            string s = a.Labels.Get("severity");
            if (!a.Resolved && Rank(s) > Rank(best)) best = s;
        }
        return best;
    }

    public static string SeverityColor(string severity) => Rank(severity) switch
    {
        3 => ColorCritical,
        2 => ColorWarning,
        _ => ColorInfo,
    };

    private static string SeverityEmoji(string severity) => Rank(severity) switch
    {
        3 => "🔥",
        2 => "⚠️",
        _ => "ℹ️",
    };

    private static int Rank(string severity) => severity.ToLowerInvariant() switch
    {
        "critical" or "page" or "error" or "high" or "emergency" or "alert" or "fatal" => 3,
        "warning" or "warn" or "medium" => 2,
        "" => 0,
        _ => 1,
    };

    private static void AddTimingFields(SlackAlert alert, List<string> fields)
    {
        if (alert.Value.Length > 0) fields.Add($"*value*\n{SlackText.Escape(alert.Value)}");
        fields.Add($"*started*\n{SlackDate(alert.StartsAt)}");
        if (alert.Resolved && alert.EndsAt is { } end) fields.Add($"*resolved after*\n{Duration(end - alert.StartsAt)}");
    }

    private static int TimingFieldCount(SlackAlert alert) =>
        (alert.Value.Length > 0 ? 1 : 0) + 1 + (alert.Resolved && alert.EndsAt is not null ? 1 : 0);

    // One line per alert: state, the labels that set it apart from the group's common labels, summary and value.
    private static string AlertList(SlackAlertGroup group, Labels common)
    {
        var sb = new StringBuilder();
        int listed = 0;
        foreach (var a in group.Alerts)
        {
            if (listed == MaxAlertsListed) break;
            if (listed++ > 0) sb.Append('\n');
            sb.Append("• ").Append(a.Resolved ? "✅ " : "🔥 ");
            bool any = false;
            foreach (var l in a.Labels)
            {
                if (common.Has(l.Name) || l.Name == "alertname") continue;
                if (any) sb.Append(' ');
                sb.Append(SlackText.Escape(l.Name)).Append('=').Append('`').Append(SlackText.Escape(l.Value)).Append('`');
                any = true;
            }
            if (!any) sb.Append(SlackText.Escape(a.Labels.Get("alertname")));
            string summary = a.Annotations.Get("summary");
            if (summary.Length > 0 && summary != group.CommonAnnotations.Get("summary")) sb.Append(" – ").Append(SlackText.Escape(summary));
            if (a.Value.Length > 0) sb.Append(" (value ").Append(SlackText.Escape(a.Value)).Append(')');
        }
        if (group.Alerts.Count > MaxAlertsListed) sb.Append("\n+").Append(group.Alerts.Count - MaxAlertsListed).Append(" more");
        return sb.ToString();
    }

    // *Pod shop/web-1*, then one "• line" per fact, each escaped; the writer cuts the section at Slack's text limit.
    private static string Detail(SlackAlertDetail detail)
    {
        var sb = new StringBuilder("*").Append(SlackText.Escape(detail.Title)).Append('*');
        foreach (string line in detail.Lines) sb.Append("\n• ").Append(SlackText.Escape(line));
        return sb.ToString();
    }

    /// <summary><c>&lt;!date^1700000000^{date_short_pretty} {time}|2023-11-14 22:13 UTC&gt;</c>: shown in the reader's time zone.</summary>
    public static string SlackDate(DateTimeOffset t) =>
        $"<!date^{t.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC>";

    /// <summary>Prometheus-style duration: 45s, 23m, 1h5m, 2d3h.</summary>
    public static string Duration(TimeSpan d)
    {
        if (d < TimeSpan.Zero) d = TimeSpan.Zero;
        if (d.TotalMinutes < 1) return $"{(int)d.TotalSeconds}s";
        if (d.TotalHours < 1) return $"{d.Minutes}m" + (d.Seconds > 0 ? $"{d.Seconds}s" : "");
        if (d.TotalDays < 1) return $"{d.Hours}h" + (d.Minutes > 0 ? $"{d.Minutes}m" : "");
        return $"{(int)d.TotalDays}d" + (d.Hours > 0 ? $"{d.Hours}h" : "");
    }
}
