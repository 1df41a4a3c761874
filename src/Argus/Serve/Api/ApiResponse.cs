using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Argus.Serve.Api;

/// <summary>
/// Writes the Prometheus API envelope (<c>{"status":"success","data":…}</c> or the error form) straight to the response
/// with a Utf8JsonWriter; <c>Content-Type: application/json</c> without charset, as Prometheus sends it.
/// </summary>
public static class ApiResponse
{
    // Go's encoder writes quotes as \" and leaves '+' alone ("+Inf"); the default .NET encoder would write \u0022 and \u002B.
    private static readonly JsonWriterOptions s_options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task SuccessAsync(HttpContext ctx, Action<Utf8JsonWriter> writeData, IReadOnlyList<string>? warnings = null,
                                          IReadOnlyList<string>? infos = null)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await using (var w = new Utf8JsonWriter(ctx.Response.BodyWriter, s_options))
        {
            w.WriteStartObject();
            w.WriteString("status", "success");
            w.WritePropertyName("data");
            writeData(w);
            WriteWarnings(w, warnings);
            WriteList(w, "infos", infos);
            w.WriteEndObject();
        }
        SetLengthIfBuffered(ctx.Response);
        await ctx.Response.BodyWriter.FlushAsync(ctx.RequestAborted);
    }

    public static async Task ErrorAsync(HttpContext ctx, ApiErrorType type, string message, IReadOnlyList<string>? warnings = null)
    {
        ctx.Response.StatusCode = ApiErrorTypes.Status(type);
        ctx.Response.ContentType = "application/json";
        await using (var w = new Utf8JsonWriter(ctx.Response.BodyWriter, s_options))
        {
            w.WriteStartObject();
            w.WriteString("status", "error");
            w.WriteString("errorType", ApiErrorTypes.Name(type));
            w.WriteString("error", message);
            WriteWarnings(w, warnings);
            w.WriteEndObject();
        }
        SetLengthIfBuffered(ctx.Response);
        await ctx.Response.BodyWriter.FlushAsync(ctx.RequestAborted);
    }

    /// <summary>
    /// Sets Content-Length when the whole answer is still in the body writer's buffer (Utf8JsonWriter only advances the
    /// pipe; nothing is sent before the flush): the compression middleware then leaves small answers uncompressed
    /// (<see cref="ApiCompressionProvider"/>) and removes the length again for the ones it compresses.
    /// </summary>
    private static void SetLengthIfBuffered(HttpResponse response)
    {
        var writer = response.BodyWriter;
        if (!response.HasStarted && response.ContentLength is null && writer.CanGetUnflushedBytes) response.ContentLength = writer.UnflushedBytes;
    }

    private static void WriteWarnings(Utf8JsonWriter w, IReadOnlyList<string>? warnings) => WriteList(w, "warnings", warnings);

    // Prometheus sends at most 10 annotations and says how many more there were.
    private static void WriteList(Utf8JsonWriter w, string name, IReadOnlyList<string>? items)
    {
        if (items is null || items.Count == 0) return;
        w.WriteStartArray(name);
        for (int i = 0; i < items.Count && i < 10; i++) w.WriteStringValue(items[i]);
        if (items.Count > 10) w.WriteStringValue($"{items.Count - 10} more {(name == "infos" ? "info" : "warning")} annotations omitted");
        w.WriteEndArray();
    }

    public static void WriteLabels(Utf8JsonWriter w, Argus.Model.Labels labels)
    {
        w.WriteStartObject();
        foreach (var l in labels) w.WriteString(l.Name, l.Value);
        w.WriteEndObject();
    }

    /// <summary>RFC 3339 with nanosecond-style fraction, as Go's time.RFC3339Nano prints (trailing zeros trimmed).</summary>
    public static string Rfc3339Nano(DateTimeOffset t)
    {
        if (t == default) return "0001-01-01T00:00:00Z";
        string s = t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return s + "Z";
    }
}
