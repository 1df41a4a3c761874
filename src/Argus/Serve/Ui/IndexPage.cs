using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Argus.Serve.Ui;

/// <summary>
/// index.html with the data every page fetched first written into it, so a page's own requests (a dashboard's panel
/// queries) start as soon as the bundle has run instead of one or two round trips later. web/build.mjs leaves
/// <see cref="Marker"/> in the page; it is replaced by
/// <c>&lt;script type="application/json" id="argus-bootstrap"&gt;{…}&lt;/script&gt;</c> holding what the caller's
/// <c>writeBootstrap</c> writes for this request (the session as <c>GET /api/argus/session</c> answers it, the dashboard
/// the path shows: <see cref="Dashboards.DashboardsApi.WriteBootstrap"/>). The UI reads it once at start
/// (web/src/shell/bootstrap.ts) and fetches whatever is absent. The page is therefore per request: never cached (it may
/// carry the session's CSRF token) and sent uncompressed (≈ 13 KB with the cluster overview, within TCP's initial
/// window of 10 segments, so one round trip either way). An index.html without the marker is served as is.
/// </summary>
public sealed class IndexPage : IResult
{
    /// <summary>The comment web/build.mjs writes where the bootstrap script goes.</summary>
    public const string Marker = "<!--argus:bootstrap-->";

    /// <summary>The element id the UI reads the bootstrap from.</summary>
    public const string ElementId = "argus-bootstrap";

    private static readonly byte[] s_open = "<script type=\"application/json\" id=\"argus-bootstrap\">"u8.ToArray();
    private static readonly byte[] s_close = "</script>"u8.ToArray();

    // The default encoder escapes <, >, & and ' in strings; raw values (a dashboard's stored JSON) are escaped afterwards.
    private static readonly JsonWriterOptions s_options = new() { Indented = false };

    private readonly UiAsset _asset;
    private readonly byte[]? _before;
    private readonly byte[]? _after;
    private readonly Action<HttpContext, Utf8JsonWriter> _writeBootstrap;

    /// <param name="index">The bundle's index.html.</param>
    /// <param name="writeBootstrap">Writes the members of the bootstrap object for a request (the writer is inside the object).</param>
    public IndexPage(UiAsset index, Action<HttpContext, Utf8JsonWriter> writeBootstrap)
    {
        _asset = index;
        _writeBootstrap = writeBootstrap;
        int at = index.Identity.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Marker));
        if (at < 0) return;
        _before = index.Identity[..at];
        _after = index.Identity[(at + Marker.Length)..];
    }

    /// <summary>Whether the page has the marker (else it is served as the static asset).</summary>
    public bool HasMarker => _before is not null;

    Task IResult.ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext);

    public Task WriteAsync(HttpContext ctx)
    {
        if (_before is null || _after is null) return UiEndpoints.WriteAsync(ctx, _asset);
        var response = ctx.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = _asset.ContentType;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        if (HttpMethods.IsHead(ctx.Request.Method)) return Task.CompletedTask;
        var body = new ArrayBufferWriter<byte>(_before.Length + _after.Length + 16 * 1024);
        body.Write(_before);
        body.Write(s_open);
        WriteJson(body, ctx);
        body.Write(s_close);
        body.Write(_after);
        response.ContentLength = body.WrittenCount;
        return response.Body.WriteAsync(body.WrittenMemory, ctx.RequestAborted).AsTask();
    }

    /// <summary>The bootstrap object, safe inside a script element: every '&lt;' is written as \u003c.</summary>
    private void WriteJson(ArrayBufferWriter<byte> body, HttpContext ctx)
    {
        var json = new ArrayBufferWriter<byte>(16 * 1024);
        using (var w = new Utf8JsonWriter(json, s_options))
        {
            w.WriteStartObject();
            _writeBootstrap(ctx, w);
            w.WriteEndObject();
        }
        // '<' cannot occur in JSON outside strings, and \u003c is the same character inside one: so "</script>" and "<!--"
        // cannot end or confuse the element, whatever raw JSON (a dashboard file's text) was written through.
        var rest = json.WrittenSpan;
        int lt;
        while ((lt = rest.IndexOf((byte)'<')) >= 0)
        {
            body.Write(rest[..lt]);
            body.Write("\\u003c"u8);
            rest = rest[(lt + 1)..];
        }
        body.Write(rest);
    }
}
