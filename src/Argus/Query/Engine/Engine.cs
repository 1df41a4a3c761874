using Argus.Model;
using Argus.Query.Parser;
using Argus.Store;
using IQueryable = Argus.Store.IQueryable;
using ValueType = Argus.Query.Parser.ValueType;

namespace Argus.Query.Engine;

/// <summary>
/// Evaluates PromQL with Prometheus 3 semantics (promql/engine.go). Range queries are evaluated node by node over all steps
/// (matrix at a time); an instant query is a range query of one step. Thread-safe: each call has its own evaluator.
/// </summary>
public sealed class Engine(EngineOptions options)
{
    public EngineOptions Options => options;

    public Result Instant(IQueryable store, string query, long timeMs, CancellationToken cancellationToken = default) =>
        Instant(store, PromQLParser.ParseExpr(query), timeMs, cancellationToken);

    public Result Range(IQueryable store, string query, long startMs, long endMs, long stepMs, CancellationToken cancellationToken = default) =>
        Range(store, PromQLParser.ParseExpr(query), startMs, endMs, stepMs, cancellationToken);

    /// <summary>Evaluates <paramref name="expr"/> at <paramref name="timeMs"/>; the value is a scalar, string, vector or (for range selectors and subqueries) matrix.</summary>
    public Result Instant(IQueryable store, Expr expr, long timeMs, CancellationToken cancellationToken = default) =>
        Run(store, expr, timeMs, timeMs, 1, instant: true, cancellationToken);

    /// <summary>Evaluates <paramref name="expr"/> at start, start+step, … ≤ end; the value is always a matrix.</summary>
    public Result Range(IQueryable store, Expr expr, long startMs, long endMs, long stepMs, CancellationToken cancellationToken = default)
    {
        if (expr.Type is not (ValueType.Scalar or ValueType.Vector))
        {
            throw new QueryException(QueryErrorKind.Execution, $"invalid expression type \"{TypeName(expr.Type)}\" for range query, must be Scalar or instant Vector");
        }
        if (stepMs <= 0) throw new QueryException(QueryErrorKind.Execution, "zero or negative query resolution step widths are not accepted. Try a positive integer");
        if (endMs < startMs) throw new QueryException(QueryErrorKind.Execution, "end timestamp must not be before start time");
        return Run(store, expr, startMs, endMs, stepMs, instant: false, cancellationToken);
    }

    private Result Run(IQueryable store, Expr expr, long startMs, long endMs, long stepMs, bool instant, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A zero timeout is a deadline already passed (CancelAfter(0) would fire later, on a timer thread).
        if (options.Timeout <= TimeSpan.Zero) cts.Cancel();
        else cts.CancelAfter(options.Timeout);
        var ctx = new QueryContext(store, options, startMs, endMs, instant ? 0 : stepMs, cts.Token);
        try
        {
            var ev = new Evaluator(ctx, startMs, endMs, stepMs);
            QueryValue value = Evaluate(ev, expr, startMs, instant);
            return new Result(value, ctx.Warnings, ctx.Infos);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new QueryException(QueryErrorKind.Timeout, "query timed out in query execution");
        }
        catch (OperationCanceledException)
        {
            throw new QueryException(QueryErrorKind.Canceled, "query was canceled in query execution");
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw new QueryException(QueryErrorKind.Timeout, "query timed out in query execution");
        }
    }

    private static QueryValue Evaluate(Evaluator ev, Expr expr, long startMs, bool instant)
    {
        switch (expr.Type)
        {
            case ValueType.String:
                return new StringValue(startMs, ev.EvalString(expr));
            case ValueType.Matrix:
                return new MatrixValue(Finish(ev.EvalRangeVector(expr)));
        }
        var mat = ev.Eval(expr);
        if (expr.Type == ValueType.Scalar)
        {
            if (instant) return new ScalarValue(startMs, mat.Count > 0 && mat[0].Points.Count > 0 ? mat[0].Points[0].F : double.NaN);
            return new MatrixValue(Finish(mat));
        }
        var series = Finish(mat);
        if (!instant) return new MatrixValue(series);
        var vec = new List<VectorSample>(series.Count);
        // Keep evaluation order (sort functions and topk define it); Finish sorted a copy only.
        foreach (var s in CleanNames(mat))
        {
            foreach (var p in s.Points) vec.Add(new VectorSample(s.Metric, p.T, p.F));
        }
        return new VectorValue(vec);
    }

    /// <summary>Drops names marked for removal, rejects duplicate label sets and sorts by labels.</summary>
    private static List<MatrixSeries> Finish(List<EvalSeries> mat)
    {
        var cleaned = CleanNames(mat);
        var result = new List<MatrixSeries>(cleaned.Count);
        foreach (var s in cleaned)
        {
            if (s.Points.Count > 0) result.Add(new MatrixSeries(s.Metric, [.. s.Points]));
        }
        result.Sort(static (a, b) => Labels.Compare(a.Metric, b.Metric));
        return result;
    }

    private static List<EvalSeries> CleanNames(List<EvalSeries> mat)
    {
        foreach (var s in mat)
        {
            if (!s.DropName) continue;
            s.Metric = s.Metric.WithoutMetricName();
            s.DropName = false;
        }
        return SeriesMerger.Merge(mat);
    }

    internal static string TypeName(ValueType t) => t switch
    {
        ValueType.Scalar => "scalar",
        ValueType.Vector => "instant vector",
        ValueType.Matrix => "range vector",
        ValueType.String => "string",
        _ => "none",
    };
}
