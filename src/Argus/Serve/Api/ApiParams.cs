using System.Globalization;
using Argus.Config;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Argus.Serve.Api;

/// <summary>
/// Request parameters as Prometheus reads them: URL query and form body merged (form values first, as Go's
/// Request.FormValue does), times as float Unix seconds or RFC 3339, durations as float seconds or Prometheus durations,
/// with Prometheus's error texts.
/// </summary>
public sealed class ApiParams
{
    // Go's time bounds that Prometheus prints as the defaults for omitted start/end (web/api/v1/api.go minTime/maxTime).
    public const long MinTimeMs = -9223309901257974L;
    public const long MaxTimeMs = 9223309901257974L;
    private const string MinTimeText = "-292273086-05-16T16:47:06Z";
    private const string MaxTimeText = "292277025-08-18T07:12:54.999999999Z";

    private readonly Dictionary<string, StringValues> _values = new(StringComparer.Ordinal);

    private ApiParams() { }

    public static async Task<ApiParams> ReadAsync(HttpRequest request)
    {
        var p = new ApiParams();
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            }
            catch (InvalidDataException e)
            {
                // Over ASP.NET's form limits (4 MB per value, 1024 values) or malformed: the client's fault, as Go's
                // ParseForm errors are (its "http: POST too large" at 10 MB), not a 500.
                throw new ApiException(ApiErrorType.BadData, "invalid form body: " + e.Message);
            }
            foreach (var (k, v) in form) p._values[k] = v;
        }
        foreach (var (k, v) in request.Query)
        {
            p._values[k] = p._values.TryGetValue(k, out var existing) ? StringValues.Concat(existing, v) : v;
        }
        return p;
    }

    public string? Get(string name) => _values.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;

    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out var v) ? [.. v.Where(s => s is not null).Select(s => s!)] : [];

    /// <summary>A time parameter in ms; <paramref name="fallback"/> when absent.</summary>
    public long Time(string name, long fallback)
    {
        string? s = Get(name);
        if (string.IsNullOrEmpty(s)) return fallback;
        if (TryParseTime(s, out long ms)) return ms;
        throw new ApiException(ApiErrorType.BadData, $"invalid parameter \"{name}\": Invalid time value for '{name}': cannot parse \"{s}\" to a valid timestamp");
    }

    /// <summary>A time parameter that must be present.</summary>
    public long RequiredTime(string name)
    {
        string s = Get(name) ?? "";
        if (TryParseTime(s, out long ms)) return ms;
        throw new ApiException(ApiErrorType.BadData, $"invalid parameter \"{name}\": Invalid time value for '{name}': cannot parse \"{s}\" to a valid timestamp");
    }

    /// <summary>A duration parameter; null when absent.</summary>
    public TimeSpan? Duration(string name)
    {
        string? s = Get(name);
        if (string.IsNullOrEmpty(s)) return null;
        if (TryParseDuration(s, out var d, out string? error)) return d;
        throw new ApiException(ApiErrorType.BadData, $"invalid parameter \"{name}\": {error}");
    }

    /// <summary>A non-negative integer limit; 0 (unlimited) when absent.</summary>
    public int Limit()
    {
        string? s = Get("limit");
        if (string.IsNullOrEmpty(s)) return 0;
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return n;
        throw new ApiException(ApiErrorType.BadData, $"invalid parameter \"limit\": cannot parse \"{s}\": must be a non-negative integer");
    }

    public static bool TryParseTime(string s, out long ms)
    {
        ms = 0;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds))
        {
            // Go: time.Unix(sec, nsec).Round(time.Millisecond): round half away from zero at the ms digit.
            double whole = Math.Truncate(seconds);
            double frac = seconds - whole;
            if (Math.Abs(whole) > 9.2e15) return false;
            ms = (long)whole * 1000 + (long)Math.Round(frac * 1000, MidpointRounding.AwayFromZero);
            return true;
        }
        if (s == MinTimeText) { ms = MinTimeMs; return true; }
        if (s == MaxTimeText) { ms = MaxTimeMs; return true; }
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && s.Contains('T'))
        {
            ms = t.ToUnixTimeMilliseconds() + (t.Ticks % TimeSpan.TicksPerMillisecond >= TimeSpan.TicksPerMillisecond / 2 ? 1 : 0);
            return true;
        }
        return false;
    }

    public static bool TryParseDuration(string s, out TimeSpan d, out string? error)
    {
        d = default;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            double ns = seconds * 1e9;
            if (!double.IsFinite(ns) || ns > long.MaxValue || ns < long.MinValue)
            {
                error = $"cannot parse \"{s}\" to a valid duration. It overflows int64";
                return false;
            }
            d = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
            error = null;
            return true;
        }
        if (PromDuration.TryParse(s, out d, out _))
        {
            error = null;
            return true;
        }
        error = $"cannot parse \"{s}\" to a valid duration";
        return false;
    }
}
