using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Argus.Serve.Ui;

/// <summary>
/// Serves the embedded web UI: <c>/assets/*</c> (immutable, precompressed) and index.html for every other non-API GET, so
/// the client-side routes (/graph, /alerts, /silences/&lt;id&gt;, /d/&lt;uid&gt;…) load on a reload or a pasted link.
/// Paths under /api/, /-/ and /metrics never reach the UI: unknown ones keep Prometheus's plain-text 404.
/// </summary>
public static class UiEndpoints
{
    /// <summary>index.html names the current hashed bundle, so browsers must revalidate it on every load.</summary>
    private const string IndexCacheControl = "no-cache";
    private const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    public static void Map(WebApplication app, UiAssets assets)
    {
        app.MapMethods("/assets/{**file}", ["GET", "HEAD"], (HttpContext ctx, string file) =>
        {
            var asset = assets.Find("assets/" + file);
            if (asset is null)
            {
                ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                ctx.Response.ContentType = "text/plain; charset=utf-8";
                return ctx.Response.WriteAsync("404 page not found\n");
            }
            return WriteAsync(ctx, asset);
        });
    }

    /// <summary>Whether a request that matched no endpoint belongs to the UI (a GET or HEAD outside the API paths).</summary>
    public static bool IsUiRequest(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return false;
        var path = request.Path.Value ?? "/";
        return !(path.StartsWith("/api/", StringComparison.Ordinal) || path == "/api"
            || path.StartsWith("/-/", StringComparison.Ordinal) || path == "/metrics"
            || path.StartsWith("/assets/", StringComparison.Ordinal));
    }

    /// <summary>Writes an asset with its validator and the best precompressed encoding the client accepts; 304 on a match.</summary>
    public static Task WriteAsync(HttpContext ctx, UiAsset asset)
    {
        var response = ctx.Response;
        var headers = response.Headers;
        headers.CacheControl = asset.Immutable ? ImmutableCacheControl : IndexCacheControl;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.XContentTypeOptions = "nosniff";

        string accept = ctx.Request.Headers.AcceptEncoding.ToString();
        byte[] body = asset.Identity;
        string etag = asset.ETag;
        if (asset.Brotli is { } br && Accepts(accept, "br"))
        {
            body = br;
            headers.ContentEncoding = "br";
            etag = asset.ETag[..^1] + "-br\"";
        }
        else if (asset.Gzip is { } gz && Accepts(accept, "gzip"))
        {
            body = gz;
            headers.ContentEncoding = "gzip";
            etag = asset.ETag[..^1] + "-gz\"";
        }
        headers.ETag = etag;
        if (IfNoneMatch(ctx.Request, etag))
        {
            headers.Remove(HeaderNames.ContentEncoding);
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(ctx.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, ctx.RequestAborted).AsTask();
    }

    private static bool IfNoneMatch(HttpRequest request, string etag)
    {
        foreach (var value in request.Headers.IfNoneMatch)
        {
            if (value is null) continue;
            foreach (var part in value.Split(','))
            {
                var tag = part.Trim();
                if (tag == "*" || tag == etag || (tag.StartsWith("W/", StringComparison.Ordinal) && tag[2..] == etag)) return true;
            }
        }
        return false;
    }

    /// <summary>Whether Accept-Encoding lists <paramref name="coding"/> without q=0.</summary>
    internal static bool Accepts(string acceptEncoding, string coding)
    {
        foreach (var part in acceptEncoding.Split(','))
        {
            var item = part.Trim();
            int semi = item.IndexOf(';');
            var name = semi < 0 ? item : item[..semi].Trim();
            if (!name.Equals(coding, StringComparison.OrdinalIgnoreCase)) continue;
            if (semi < 0) return true;
            var q = item[(semi + 1)..].Replace(" ", "", StringComparison.Ordinal);
            return !(q == "q=0" || (q.StartsWith("q=0.0", StringComparison.Ordinal) && q.TrimEnd('0') == "q=0."));
        }
        return false;
    }
}
