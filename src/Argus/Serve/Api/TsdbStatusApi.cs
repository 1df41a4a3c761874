using System.Globalization;
using System.Text.Json;
using Argus.Store.Head;
using Microsoft.AspNetCore.Http;

namespace Argus.Serve.Api;

/// <summary>/api/v1/status/tsdb: head statistics and cardinality (top metric names, label names and pairs by series).</summary>
public static class TsdbStatusApi
{
    private const int DefaultLimit = 10;
    private const int MaxLimit = 10_000;

    public static Task Handle(HttpContext ctx, Func<int, HeadStats?> stats)
    {
        int limit = DefaultLimit;
        string raw = ctx.Request.Query["limit"].ToString();
        if (raw.Length > 0 && (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit <= 0 || limit > MaxLimit))
        {
            return ApiResponse.ErrorAsync(ctx, ApiErrorType.BadData, $"limit must be a positive number not greater than {MaxLimit}");
        }
        var s = stats(limit);
        if (s is null) return ApiResponse.ErrorAsync(ctx, ApiErrorType.Unavailable, "the store is not open yet");
        return ApiResponse.SuccessAsync(ctx, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("headStats");
            w.WriteNumber("numSeries", s.NumSeries);
            w.WriteNumber("numLabelPairs", s.NumLabelPairs);
            w.WriteNumber("chunkCount", s.ChunkCount);
            w.WriteNumber("minTime", s.NumSeries == 0 ? 0 : s.MinTime);
            w.WriteNumber("maxTime", s.NumSeries == 0 ? 0 : s.MaxTime);
            w.WriteEndObject();
            WriteList(w, "seriesCountByMetricName", s.SeriesCountByMetricName);
            WriteList(w, "labelValueCountByLabelName", s.LabelValueCountByLabelName);
            WriteList(w, "memoryInBytesByLabelName", s.MemoryInBytesByLabelName);
            WriteList(w, "seriesCountByLabelValuePair", s.SeriesCountByLabelValuePair);
            w.WriteEndObject();
        });
    }

    private static void WriteList(Utf8JsonWriter w, string name, IReadOnlyList<(string Name, long Count)> items)
    {
        w.WriteStartArray(name);
        foreach (var (n, c) in items)
        {
            w.WriteStartObject();
            w.WriteString("name", n);
            w.WriteNumber("value", c);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
