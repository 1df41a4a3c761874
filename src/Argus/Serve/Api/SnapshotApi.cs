using Microsoft.AspNetCore.Http;

namespace Argus.Serve.Api;

/// <summary>
/// POST|PUT /api/v1/admin/tsdb/snapshot?skip_head=…: creates <c>&lt;storage&gt;/snapshots/&lt;name&gt;</c> with hard links
/// of every block plus (unless skip_head) a block written from the head, and answers <c>{"name": "&lt;name&gt;"}</c>, the
/// name being Prometheus's <c>20060102T150405Z-&lt;16 hex digits&gt;</c> (web/api/v1/api.go snapshot). It is an admin
/// endpoint: access control is the auth middleware's business, not this handler's.
/// </summary>
public static class SnapshotApi
{
    public static Task Handle(HttpContext ctx, IWebServices services, TimeProvider time) => ApiHandler.RunAsync(ctx, async () =>
    {
        var p = await ApiParams.ReadAsync(ctx.Request);
        bool skipHead = false;
        string? raw = p.Get("skip_head");
        if (!string.IsNullOrEmpty(raw) && !TryParseGoBool(raw, out skipHead))
        {
            throw new ApiException(ApiErrorType.BadData,
                $"unable to parse boolean 'skip_head' argument: strconv.ParseBool: parsing \"{raw}\": invalid syntax");
        }
        if (services.SnapshotsDirectory is not { } snapshots)
        {
            throw new ApiException(ApiErrorType.Unavailable, "snapshots are not available: this server has no local TSDB");
        }
        var now = time.GetUtcNow();
        string name = SnapshotName(now, Random.Shared.NextInt64());
        string dir = Path.Combine(snapshots, name);
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ApiException(ApiErrorType.Internal, $"create snapshot directory: {e.Message}");
        }
        try
        {
            await Task.Run(() => services.Snapshot(dir, !skipHead, now.ToUnixTimeMilliseconds()), ctx.RequestAborted);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ApiException(ApiErrorType.Internal, $"create snapshot: {e.Message}");
        }
        await ApiResponse.SuccessAsync(ctx, w =>
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteEndObject();
        });
    });

    /// <summary>Go's <c>time.Now().UTC().Format("20060102T150405Z0700")</c> + <c>fmt.Sprintf("-%016x", rand.Int63())</c>.</summary>
    internal static string SnapshotName(DateTimeOffset now, long random) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-" +
        random.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Go's strconv.ParseBool: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False.</summary>
    internal static bool TryParseGoBool(string s, out bool value)
    {
        switch (s)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True": value = true; return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False": value = false; return true;
            default: value = false; return false;
        }
    }
}
