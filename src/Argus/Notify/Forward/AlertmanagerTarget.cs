using Argus.Model;

namespace Argus.Notify.Forward;

/// <summary>
/// One discovered Alertmanager (Prometheus's alertmanagerLabels): its labels after relabelling (before, for a dropped one),
/// and the URL alerts are POSTed to, <c>__scheme__://__address____alerts_path__</c> as Go's url.URL prints it.
/// </summary>
public sealed record AlertmanagerTarget(Labels Labels)
{
    public const string AddressLabel = "__address__";
    public const string SchemeLabel = "__scheme__";
    public const string AlertsPathLabel = "__alerts_path__";

    public string Url { get; } = FormatUrl(Labels.Get(SchemeLabel), Labels.Get(AddressLabel), Labels.Get(AlertsPathLabel));

    private static string FormatUrl(string scheme, string host, string path)
    {
        // Go's URL.String: "scheme://host" then the path, given a leading slash when a host precedes it.
        string prefix = scheme.Length > 0 ? scheme + "://" + host : "//" + host;
        if (path.Length > 0 && path[0] != '/' && host.Length > 0) path = "/" + path;
        return prefix + path;
    }
}
