using Argus.Model;
using Argus.Query.Parser;
using Argus.Store;
using Microsoft.AspNetCore.Http;
using IQueryable = Argus.Store.IQueryable;

namespace Argus.Serve.Api;

/// <summary>
/// The metadata endpoints Grafana's metrics browser and template variables call: /api/v1/series, /api/v1/labels and
/// /api/v1/label/{name}/values, with match[] selectors (union), start/end (default: all time) and limit (with the
/// "results truncated due to limit" warning).
/// </summary>
public static class SeriesApi
{
    private const string TruncatedWarning = "results truncated due to limit";

    public static Task Series(HttpContext ctx, IQueryable store) => ApiHandler.RunAsync(ctx, async () =>
    {
        var p = await ApiParams.ReadAsync(ctx.Request);
        var selectors = Selectors(p);
        if (selectors.Count == 0) throw new ApiException(ApiErrorType.BadData, "no match[] parameter provided");
        var (start, end) = Range(p);
        int limit = p.Limit();
        var seen = new HashSet<Labels>();
        var result = new List<Labels>();
        using (var q = store.Querier(start, end))
        {
            foreach (var matchers in selectors)
            {
                var set = q.Select(false, matchers);
                while (set.Next())
                {
                    if (seen.Add(set.At.Labels)) result.Add(set.At.Labels);
                }
            }
        }
        result.Sort(Labels.Compare);
        bool truncated = limit > 0 && result.Count > limit;
        if (truncated) result.RemoveRange(limit, result.Count - limit);
        await ApiResponse.SuccessAsync(ctx, w =>
        {
            w.WriteStartArray();
            foreach (var l in result) ApiResponse.WriteLabels(w, l);
            w.WriteEndArray();
        }, truncated ? [TruncatedWarning] : null);
    });

    public static Task LabelNames(HttpContext ctx, IQueryable store) => ApiHandler.RunAsync(ctx, async () =>
    {
        var p = await ApiParams.ReadAsync(ctx.Request);
        var selectors = Selectors(p);
        var (start, end) = Range(p);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        using (var q = store.Querier(start, end))
        {
            if (selectors.Count == 0) names.UnionWith(q.LabelNames());
            foreach (var matchers in selectors) names.UnionWith(q.LabelNames(matchers));
        }
        await WriteStrings(ctx, names, p.Limit());
    });

    public static Task LabelValues(HttpContext ctx, IQueryable store, string rawName) => ApiHandler.RunAsync(ctx, async () =>
    {
        string name = UnescapeLabelName(rawName);
        if (!IsValidLabelName(name)) throw new ApiException(ApiErrorType.BadData, $"invalid label name: \"{rawName}\"");
        var p = await ApiParams.ReadAsync(ctx.Request);
        var selectors = Selectors(p);
        var (start, end) = Range(p);
        var values = new SortedSet<string>(StringComparer.Ordinal);
        using (var q = store.Querier(start, end))
        {
            if (selectors.Count == 0) values.UnionWith(q.LabelValues(name));
            foreach (var matchers in selectors) values.UnionWith(q.LabelValues(name, matchers));
        }
        await WriteStrings(ctx, values, p.Limit());
    });

    private static Task WriteStrings(HttpContext ctx, IEnumerable<string> items, int limit)
    {
        var list = items.ToList();
        bool truncated = limit > 0 && list.Count > limit;
        if (truncated) list.RemoveRange(limit, list.Count - limit);
        return ApiResponse.SuccessAsync(ctx, w =>
        {
            w.WriteStartArray();
            foreach (var s in list) w.WriteStringValue(s);
            w.WriteEndArray();
        }, truncated ? [TruncatedWarning] : null);
    }

    private static List<Matcher[]> Selectors(ApiParams p)
    {
        var result = new List<Matcher[]>();
        foreach (var s in p.GetAll("match[]"))
        {
            try
            {
                result.Add([.. PromQLParser.ParseMetricSelector(s)]);
            }
            catch (PromQLParseException e)
            {
                throw new ApiException(ApiErrorType.BadData, e.Message);
            }
        }
        return result;
    }

    private static (long Start, long End) Range(ApiParams p)
    {
        long start = p.Time("start", ApiParams.MinTimeMs);
        long end = p.Time("end", ApiParams.MaxTimeMs);
        if (end < start) throw new ApiException(ApiErrorType.BadData, "invalid parameter \"end\": end timestamp must not be before start time");
        return (start, end);
    }

    /// <summary>Prometheus 3's escaping for UTF-8 label names in URL paths: <c>U__</c> then <c>_XX_</c> hex code points.</summary>
    internal static string UnescapeLabelName(string raw)
    {
        if (!raw.StartsWith("U__", StringComparison.Ordinal)) return raw;
        var sb = new System.Text.StringBuilder();
        string s = raw[3..];
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '_')
            {
                int close = s.IndexOf('_', i + 1);
                if (close > i + 1 && int.TryParse(s.AsSpan(i + 1, close - i - 1), System.Globalization.NumberStyles.HexNumber, null, out int cp))
                {
                    sb.Append(char.ConvertFromUtf32(cp));
                    i = close;
                    continue;
                }
                if (close == i + 1)
                {
                    sb.Append('_'); // "__" stands for one underscore
                    i = close;
                    continue;
                }
            }
            sb.Append(s[i]);
        }
        return sb.ToString();
    }

    internal static bool IsValidLabelName(string name)
    {
        if (name.Length == 0) return false;
        if (!(char.IsAsciiLetter(name[0]) || name[0] == '_')) return false;
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }
}
