using Argus.Model;
using Argus.Template;
using ConfigSlack = Argus.Config.Alertmanager.SlackConfig;

namespace Argus.Notify.Receivers.Slack;

/// <summary>
/// One <c>slack_configs</c> entry as an integration of the pipeline: renders the group into a <see cref="SlackMessage"/>
/// and hands it to the durable <see cref="SlackOutbox"/>, which delivers it by Slack's rules (Retry-After, backoff, order,
/// threads). The pipeline's notification log records the flush as soon as the message is on disk, so a restart neither
/// re-sends nor loses it.
/// <para>
/// An entry whose <c>title</c> and <c>text</c> are Alertmanager's defaults gets Argus's own message
/// (<see cref="SlackDefaultMessage"/>); an entry with either customised is rendered field by field exactly as Alertmanager
/// 0.25 renders it, with the config's templates. <c>details</c>, when given, adds sections about the objects firing alerts
/// name (see <see cref="SlackAlertDetail"/>) to Argus's own message.
/// </para>
/// </summary>
public sealed class SlackNotifier(ConfigSlack config, SlackDestination destination, SlackOutbox outbox, GoTemplate templates,
    Func<Labels, IReadOnlyList<SlackAlertDetail>>? details = null) : INotifier
{
    private static readonly ConfigSlack s_defaults = new();

    public SlackDestination Destination => destination;

    /// <summary>True when the entry leaves the message's content to Argus (title and text not customised).</summary>
    public bool UsesArgusMessage => config.Title == s_defaults.Title && config.Text == s_defaults.Text;

    public Task<NotifyResult> NotifyAsync(NotificationContext context, IReadOnlyList<Alert> alerts, CancellationToken ct)
    {
        var data = context.BuildTemplateData(alerts);
        SlackMessage message;
        try
        {
            message = UsesArgusMessage ? ArgusMessage(context, data) : Render(ToTemplateData(data));
        }
        catch (TemplateException e)
        {
            // As Alertmanager: a template that fails cannot succeed on retry.
            return Task.FromResult(NotifyResult.Permanent($"slack template: {e.Message}"));
        }
        try
        {
            outbox.Enqueue(destination, new SlackNotification
            {
                GroupKey = context.GroupKey,
                Resolved = data.Status == "resolved",
                Message = message,
            });
        }
        catch (IOException e)
        {
            return Task.FromResult(NotifyResult.Retryable($"cannot queue the Slack message: {e.Message}"));
        }
        return Task.FromResult(NotifyResult.Ok);
    }

    private SlackMessage ArgusMessage(NotificationContext context, TemplateData data)
    {
        var tmpl = ToTemplateData(data);
        var group = new SlackAlertGroup
        {
            GroupKey = context.GroupKey,
            Receiver = context.Receiver,
            GroupLabels = data.GroupLabels,
            CommonLabels = data.CommonLabels,
            CommonAnnotations = data.CommonAnnotations,
            ExternalUrl = context.ExternalUrl,
            Alerts = [.. data.Alerts.Select(a => new SlackAlert
            {
                Labels = a.Labels,
                Annotations = a.Annotations,
                StartsAt = a.StartsAt,
                EndsAt = a.EndsAt == default ? null : a.EndsAt,
                Resolved = a.Status == "resolved",
                GeneratorUrl = a.GeneratorUrl,
                Fingerprint = a.Fingerprint,
            })],
        };
        if (details is not null && group.Firing)
        {
            group = group with { Details = SlackAlertDetail.ForGroup(group.Alerts.Where(a => !a.Resolved).Select(a => a.Labels), details) };
        }
        string username = config.Username == s_defaults.Username ? "Argus" : templates.ExecuteText(config.Username, tmpl);
        return SlackDefaultMessage.Build(group, Text(config.Channel, tmpl), username);
    }

    /// <summary>notify/slack.Notify's request: every field a template over the group's data.</summary>
    private SlackMessage Render(AlertmanagerTemplateData data)
    {
        var attachment = new SlackAttachment
        {
            Title = Text(config.Title, data),
            TitleLink = Text(config.TitleLink, data),
            Pretext = Text(config.Pretext, data),
            Text = Text(config.Text, data),
            Fallback = Text(config.Fallback, data),
            CallbackId = Text(config.CallbackId, data),
            ImageUrl = Text(config.ImageUrl, data),
            ThumbUrl = Text(config.ThumbUrl, data),
            Footer = Text(config.Footer, data),
            Color = Text(config.Color, data),
            MrkdwnIn = config.MrkdwnIn.Count > 0 ? config.MrkdwnIn : ["fallback", "pretext", "text"],
            Fields = [.. config.Fields.Select(f => new SlackField(Text(f.Title, data), Text(f.Value, data), f.Short ?? config.ShortFields))],
            Actions = [.. config.Actions.Select(a => new SlackAction
            {
                Type = Text(a.Type, data),
                Text = Text(a.Text, data),
                Url = Text(a.Url, data),
                Style = Text(a.Style, data),
                Name = Text(a.Name, data),
                Value = Text(a.Value, data),
                Confirm = a.Confirm is null ? null : new SlackConfirmationField
                {
                    Text = Text(a.Confirm.Text, data),
                    Title = Text(a.Confirm.Title, data),
                    OkText = Text(a.Confirm.OkText, data),
                    DismissText = Text(a.Confirm.DismissText, data),
                },
            })],
        };
        return new SlackMessage
        {
            Channel = Text(config.Channel, data),
            Username = Text(config.Username, data),
            IconEmoji = Text(config.IconEmoji, data),
            IconUrl = Text(config.IconUrl, data),
            LinkNames = config.LinkNames,
            Attachments = [attachment],
        };
    }

    private string Text(string? text, AlertmanagerTemplateData data) => string.IsNullOrEmpty(text) ? "" : templates.ExecuteText(text, data);

    /// <summary>The pipeline's template data as the template language sees it (no recomputation: same common labels).</summary>
    public static AlertmanagerTemplateData ToTemplateData(TemplateData data) =>
        new(data.Receiver, data.Status,
            new AlertList([.. data.Alerts.Select(a => new Template.TemplateAlert(a.Status, Kv(a.Labels), Kv(a.Annotations),
                a.StartsAt, a.EndsAt, a.GeneratorUrl, a.Fingerprint))]),
            Kv(data.GroupLabels), Kv(data.CommonLabels), Kv(data.CommonAnnotations), data.ExternalUrl);

    private static KV Kv(Labels labels) => new(labels.Select(l => new KeyValuePair<string, string>(l.Name, l.Value)));
}
