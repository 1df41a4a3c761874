using System.Text.Json;
using Argus.Query.Engine;
using Argus.Query.Parser;
using Microsoft.AspNetCore.Http;
using IQueryable = Argus.Store.IQueryable;
using ValueType = Argus.Query.Parser.ValueType;

namespace Argus.Serve.Api;

/// <summary>
/// /api/v1/query and /api/v1/query_range: parameters, validation and error texts as Prometheus's web/api/v1, evaluation
/// by the engine under the query timeout (the smaller of the flag and the request's <c>timeout</c>) and at most
/// <c>--query.max-concurrency</c> queries at once, results streamed in the API's JSON shape.
/// </summary>
public sealed class QueryApi(Engine engine, Func<IQueryable> store, int maxConcurrency, TimeProvider time)
{
    private const int MaxPoints = 11_000;
    private readonly SemaphoreSlim _slots = new(maxConcurrency, maxConcurrency);

    public Task Instant(HttpContext ctx) => ApiHandler.RunAsync(ctx, async () =>
    {
        var p = await ApiParams.ReadAsync(ctx.Request);
        var expr = Parse(p);
        long t = p.Time("time", time.GetUtcNow().ToUnixTimeMilliseconds());
        var timeout = Timeout(p);
        var result = await RunAsync(ctx, timeout, ct => engine.Instant(store(), expr, t, ct));
        await Write(ctx, result);
    });

    public Task Range(HttpContext ctx) => ApiHandler.RunAsync(ctx, async () =>
    {
        var p = await ApiParams.ReadAsync(ctx.Request);
        long start = p.RequiredTime("start");
        long end = p.RequiredTime("end");
        if (end < start) throw new ApiException(ApiErrorType.BadData, "invalid parameter \"end\": end timestamp must not be before start time");
        var step = p.Duration("step") ?? throw new ApiException(ApiErrorType.BadData, "invalid parameter \"step\": cannot parse \"\" to a valid duration");
        if (step <= TimeSpan.Zero)
        {
            throw new ApiException(ApiErrorType.BadData, "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        long stepMs = (long)step.TotalMilliseconds;
        if (stepMs == 0) stepMs = 1;
        if ((end - start) / stepMs > MaxPoints)
        {
            throw new ApiException(ApiErrorType.BadData, "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        var expr = Parse(p);
        if (expr.Type is not (ValueType.Scalar or ValueType.Vector))
        {
            throw new ApiException(ApiErrorType.BadData, $"invalid expression type \"{ValueTypes.Name(expr.Type)}\" for range query, must be Scalar or instant Vector");
        }
        var timeout = Timeout(p);
        var result = await RunAsync(ctx, timeout, ct => engine.Range(store(), expr, start, end, stepMs, ct));
        await Write(ctx, result);
    });

    private static Expr Parse(ApiParams p)
    {
        try
        {
            return PromQLParser.ParseExpr(p.Get("query") ?? "");
        }
        catch (PromQLParseException e)
        {
            throw new ApiException(ApiErrorType.BadData, $"invalid parameter \"query\": {e.Message}");
        }
    }

    private TimeSpan Timeout(ApiParams p)
    {
        var requested = p.Duration("timeout");
        var max = engine.Options.Timeout;
        return requested is { } r && r > TimeSpan.Zero && r < max ? r : max;
    }

    private async Task<Result> RunAsync(HttpContext ctx, TimeSpan timeout, Func<CancellationToken, Result> run)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, ctx.RequestAborted);
        long queued = time.GetTimestamp();
        try
        {
            await _slots.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new ApiException(ApiErrorType.Timeout, "query timed out in query queue");
        }
        long started = time.GetTimestamp();
        try
        {
            // Evaluation is CPU-bound and synchronous: run it off the request thread so Kestrel stays responsive.
            var result = await Task.Run(() => run(linked.Token), linked.Token);
            SetServerTiming(ctx.Response, time.GetElapsedTime(queued, started), time.GetElapsedTime(started));
            return result;
        }
        catch (QueryException e) when (e.Kind == QueryErrorKind.Canceled && deadline.IsCancellationRequested)
        {
            // The engine only sees its token canceled; it was our deadline (queue wait included), not the client.
            throw new ApiException(ApiErrorType.Timeout, "query timed out in query execution");
        }
        catch (QueryException e)
        {
            throw new ApiException(e.Kind switch
            {
                QueryErrorKind.Timeout => ApiErrorType.Timeout,
                QueryErrorKind.Canceled => ApiErrorType.Canceled,
                _ => ApiErrorType.Execution,
            }, e.Message);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new ApiException(ApiErrorType.Timeout, "query timed out in query execution");
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Server-Timing (W3C) with the wait for a query slot and the evaluation, in ms: browsers show it beside the request and
    /// expose it to the page's resource timing, which the page-load benchmark (bench/ui) reads.
    /// </summary>
    private static void SetServerTiming(HttpResponse response, TimeSpan queue, TimeSpan eval)
    {
        response.Headers["Server-Timing"] = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"queue;dur={queue.TotalMilliseconds:F1}, eval;dur={eval.TotalMilliseconds:F1}");
    }

    private static Task Write(HttpContext ctx, Result result)
    {
        var warnings = result.Warnings.Count == 0 ? null : result.Warnings;
        return ApiResponse.SuccessAsync(ctx, w =>
        {
            w.WriteStartObject();
            w.WriteString("resultType", result.Value.ResultType);
            w.WritePropertyName("result");
            WriteValue(w, result.Value);
            w.WriteEndObject();
        }, warnings, result.Infos.Count == 0 ? null : result.Infos);
    }

    internal static void WriteValue(Utf8JsonWriter w, QueryValue value)
    {
        switch (value)
        {
            case ScalarValue s:
                WritePoint(w, s.T, s.V, scalar: true);
                break;
            case StringValue s:
                WritePoint(w, s.T, s.V);
                break;
            case VectorValue v:
                w.WriteStartArray();
                foreach (var sample in v.Samples)
                {
                    w.WriteStartObject();
                    w.WritePropertyName("metric");
                    ApiResponse.WriteLabels(w, sample.Metric);
                    w.WritePropertyName("value");
                    WritePoint(w, sample.T, sample.F);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            case MatrixValue m:
                w.WriteStartArray();
                foreach (var series in m.Series)
                {
                    w.WriteStartObject();
                    w.WritePropertyName("metric");
                    ApiResponse.WriteLabels(w, series.Metric);
                    w.WriteStartArray("values");
                    foreach (var pt in series.Points) WritePoint(w, pt.T, pt.F);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException("BUG: unknown query value " + value.GetType().Name);
        }
    }

    private static void WritePoint(Utf8JsonWriter w, long t, double v, bool scalar = false)
    {
        w.WriteStartArray();
        PromJson.WriteTimestamp(w, t);
        PromJson.WriteValue(w, v, scalar);
        w.WriteEndArray();
    }

    private static void WritePoint(Utf8JsonWriter w, long t, string v)
    {
        w.WriteStartArray();
        PromJson.WriteTimestamp(w, t);
        w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
