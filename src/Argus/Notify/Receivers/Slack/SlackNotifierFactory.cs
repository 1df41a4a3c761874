using Argus.Config.Alertmanager;
using Argus.Model;
using Argus.Template;

namespace Argus.Notify.Receivers.Slack;

/// <summary>
/// Builds one <see cref="SlackNotifier"/> per <c>slack_configs</c> entry, all delivering through one shared outbox. An entry
/// with <c>http_config.authorization</c> credentials is a bot token for the Web API (its <c>api_url</c>, default
/// chat.postMessage); otherwise <c>api_url</c>/<c>api_url_file</c> is an incoming webhook. <c>details</c> is handed to
/// every notifier (<see cref="SlackAlertDetail"/>).
/// </summary>
public sealed class SlackNotifierFactory(SlackOutbox outbox, Func<Labels, IReadOnlyList<SlackAlertDetail>>? details = null) : INotifierFactory
{
    public string IntegrationType => "slack";

    public IReadOnlyList<Integration> Create(ReceiverConfig receiver, NotifierBuildContext context)
    {
        var list = new List<Integration>(receiver.SlackConfigs.Count);
        for (int i = 0; i < receiver.SlackConfigs.Count; i++)
        {
            var c = receiver.SlackConfigs[i];
            var destination = Destination(receiver.Name, i, c, context.HttpClients(c.HttpConfig));
            list.Add(new Integration(receiver.Name, IntegrationType, i, c.SendResolved,
                new SlackNotifier(c, destination, outbox, context.Templates, details)));
        }
        return list;
    }

    /// <summary>The destinations of a whole configuration, for <see cref="SlackOutbox.SetDestinations"/> on load and reload.</summary>
    public static IEnumerable<SlackDestination> Destinations(AlertmanagerConfigFile config) =>
        config.Receivers.SelectMany(r => r.SlackConfigs.Select((c, i) => Destination(r.Name, i, c, null)));

    public static SlackDestination Destination(string receiver, int index, SlackConfig c, HttpClient? http)
    {
        var auth = c.HttpConfig?.Authorization;
        SlackCredential? token = auth?.Credentials is { } secret ? SlackCredential.FromValue(secret.Reveal())
            : auth?.CredentialsFile is { } file ? SlackCredential.FromFile(file)
            : null;
        SlackCredential url = c.ApiUrl is { } u ? SlackCredential.FromValue(u.Reveal())
            : c.ApiUrlFile is { } f ? SlackCredential.FromFile(f)
            : SlackCredential.FromValue(SlackDestination.DefaultWebApiUrl);
        return new SlackDestination
        {
            Key = $"{receiver}/slack/{index}",
            Url = url,
            BotToken = token,
            HttpClient = http,
        };
    }
}
