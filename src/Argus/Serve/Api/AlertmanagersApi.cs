using Argus.Notify.Forward;
using Microsoft.AspNetCore.Http;

namespace Argus.Serve.Api;

/// <summary>
/// /api/v1/alertmanagers: the external Alertmanagers alerts go to and those relabel_configs dropped, each as
/// <c>{"url": …}</c> (web/api/v1 AlertmanagerDiscovery). Both lists are empty without <c>alerting.alertmanagers</c>.
/// </summary>
public static class AlertmanagersApi
{
    public static Task Handle(HttpContext ctx, AlertForwarder? forwarder) => ApiResponse.SuccessAsync(ctx, w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("activeAlertmanagers");
        foreach (string url in forwarder?.Alertmanagers() ?? []) WriteTarget(w, url);
        w.WriteEndArray();
        w.WriteStartArray("droppedAlertmanagers");
        foreach (string url in forwarder?.DroppedAlertmanagers() ?? []) WriteTarget(w, url);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteTarget(System.Text.Json.Utf8JsonWriter w, string url)
    {
        w.WriteStartObject();
        w.WriteString("url", url);
        w.WriteEndObject();
    }
}
