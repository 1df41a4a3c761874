using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Argus.Model;
using Argus.Query.Parser;

namespace Argus.Query.Engine;

/// <summary>
/// Evaluates an expression over the steps start, start+interval, … ≤ end (promql.evaluator). Vector- and scalar-typed
/// nodes produce a list of series with one point per step at which they have a value; scalars are one unlabelled series.
/// Subqueries get their own evaluator with their own steps.
/// </summary>
internal sealed partial class Evaluator(QueryContext ctx, long start, long end, long interval)
{
    private int StepCount => (int)((end - start) / interval) + 1;

    private long StepTime(int i) => start + i * interval;

    public List<EvalSeries> Eval(Expr e)
    {
        ctx.CheckCanceled();
        return e switch
        {
            NumberLiteral n => ScalarSeries(n.Value),
            ParenExpr p => Eval(p.Expr),
            UnaryExpr u => EvalUnary(u),
            VectorSelector vs => EvalVectorSelector(vs, timestampAsValue: false),
            BinaryExpr b => EvalBinary(b),
            AggregateExpr a => EvalAggregate(a),
            Call c => EvalCall(c),
            _ => throw new QueryException(QueryErrorKind.Execution, $"unexpected {Engine.TypeName(e.Type)} expression {e} where an instant vector or scalar is needed"),
        };
    }

    public string EvalString(Expr e) => e switch
    {
        StringLiteral s => s.Value,
        ParenExpr p => EvalString(p.Expr),
        _ => throw new QueryException(QueryErrorKind.Execution, $"expected a string, got {e}"),
    };

    /// <summary>A scalar as a series: one unlabelled point per step.</summary>
    private List<EvalSeries> ScalarSeries(double v)
    {
        int n = StepCount;
        var pts = new List<FPoint>(n);
        for (int i = 0; i < n; i++) pts.Add(new FPoint(StepTime(i), v));
        ctx.AddSamples(n);
        return [new EvalSeries(Labels.Empty, pts)];
    }

    /// <summary>Evaluates a scalar-typed expression to one value per step (NaN where it has none).</summary>
    private double[] EvalScalarPerStep(Expr e)
    {
        var mat = Eval(e);
        var values = new double[StepCount];
        Array.Fill(values, double.NaN);
        foreach (var s in mat)
        {
            foreach (var p in s.Points) values[(int)((p.T - start) / interval)] = p.F;
        }
        return values;
    }

    private List<EvalSeries> EvalUnary(UnaryExpr u)
    {
        var mat = Eval(u.Expr);
        if (u.Op != BinaryOp.Sub) return mat;
        foreach (var s in mat)
        {
            var pts = CollectionsMarshal.AsSpan(s.Points);
            for (int i = 0; i < pts.Length; i++) pts[i] = pts[i] with { F = -pts[i].F };
            if (u.Expr.Type == Parser.ValueType.Vector) s.DropName = true;
        }
        return mat;
    }

    /// <summary>The time a selector or subquery is evaluated at for a step: the @ time if it has one, else the step time.</summary>
    private long RefTime(long? timestamp, AtModifier at, long ts) => at switch
    {
        AtModifier.Start => ctx.StartMs,
        AtModifier.End => ctx.EndMs,
        _ => timestamp ?? ts,
    };

    /// <summary>
    /// Instant vector selector: at each step t the newest sample in (t − offset − lookback, t − offset], unless it is a stale
    /// marker. With <paramref name="timestampAsValue"/> the value is the sample's timestamp in seconds (timestamp()).
    /// With a <paramref name="sink"/> each series goes to it as soon as it is read (the result is then empty).
    /// </summary>
    private List<EvalSeries> EvalVectorSelector(VectorSelector vs, bool timestampAsValue, ISeriesSink? sink = null)
    {
        int n = StepCount;
        long firstT = RefTime(vs.Timestamp, vs.At, start) - vs.OffsetMs;
        long lastT = RefTime(vs.Timestamp, vs.At, end) - vs.OffsetMs;
        long lookback = ctx.LookbackMs;
        var result = new List<EvalSeries>();
        // One step buffer for every series; a series' result is copied out sized to its points, not to the steps:
        // --query.max-samples counts points, so a series with data at few of many steps must not hold memory for all of
        // them (at 3,600 steps that was 57 KB a series, ~800 MB before 5M points).
        var steps = new List<FPoint>(n);
        using var querier = ctx.Store.Querier(firstT - lookback + 1, lastT);
        var set = querier.Select(true, [.. vs.Matchers]);
        Store.ISampleIterator? it = null;
        while (set.Next())
        {
            ctx.CheckCanceled();
            var series = set.At;
            it = series.Iterator(it);
            int loaded = LoadSamples(it, firstT - lookback + 1, lastT, dropStale: false);
            if (loaded == 0) continue;
            var buf = _samples;
            steps.Clear();
            int j = 0;
            for (int i = 0; i < n; i++)
            {
                long ts = StepTime(i);
                long t = RefTime(vs.Timestamp, vs.At, ts) - vs.OffsetMs;
                while (j < loaded && buf[j].T <= t) j++;
                if (j == 0) continue;
                var s = buf[j - 1];
                if (s.T <= t - lookback || StaleNaN.IsStale(s.F)) continue;
                steps.Add(new FPoint(ts, timestampAsValue ? s.T / 1000.0 : s.F));
            }
            if (steps.Count == 0) continue;
            ctx.AddSamples(steps.Count);
            if (sink is not null)
            {
                sink.Add(series.Labels, timestampAsValue, CollectionsMarshal.AsSpan(steps));
                continue;
            }
            var pts = new List<FPoint>(steps.Count);
            pts.AddRange(CollectionsMarshal.AsSpan(steps));
            result.Add(new EvalSeries(series.Labels, pts, dropName: timestampAsValue));
        }
        return result;
    }

    // Reused from series to series: the samples read from the store and, when streaming to a sink, the output points.
    private FPoint[] _samples = new FPoint[128];
    private List<FPoint>? _streamOutput;

    /// <summary>
    /// Reads the iterator's samples in [mint, maxt] into <see cref="_samples"/> (grown as needed), without stale markers
    /// when <paramref name="dropStale"/>; returns how many.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int LoadSamples(Store.ISampleIterator it, long mint, long maxt, bool dropStale)
    {
        int count = 0;
        if (!it.Seek(mint)) return 0;
        var buf = _samples;
        do
        {
            long t = it.T;
            if (t > maxt) break;
            double v = it.V;
            if (dropStale && StaleNaN.IsStale(v)) continue;
            if (count == buf.Length)
            {
                Array.Resize(ref _samples, buf.Length * 2);
                buf = _samples;
            }
            buf[count++] = new FPoint(t, v);
        }
        while (it.Next());
        return count;
    }

    /// <summary>A cleared list for one series' output: a new one to keep, or the reused one when it only goes to a sink.</summary>
    private List<FPoint> OutputBuffer(ISeriesSink? sink, int capacity)
    {
        if (sink is null) return new List<FPoint>(capacity);
        var reused = _streamOutput ??= new List<FPoint>(capacity);
        reused.Clear();
        return reused;
    }

    /// <summary>A range vector as a query result (instant queries only): the raw samples of each window at the query time.</summary>
    public List<EvalSeries> EvalRangeVector(Expr e)
    {
        if (e is ParenExpr p) return EvalRangeVector(p.Expr);
        var source = RangeSource(e);
        var result = new List<EvalSeries>();
        long t = source.WindowEnd(start);
        foreach (var s in source.Series)
        {
            var pts = new List<FPoint>();
            foreach (var point in s.Points)
            {
                if (point.T > t - source.RangeMs && point.T <= t) pts.Add(point);
            }
            if (pts.Count > 0) result.Add(new EvalSeries(s.Metric, pts, s.DropName));
        }
        return result;
    }

    /// <summary>
    /// Loads what a matrix selector or subquery covers over all steps: per series, the samples (stale markers removed) of
    /// the union of its windows.
    /// </summary>
    private WindowSource RangeSource(Expr e)
    {
        switch (e)
        {
            case ParenExpr p:
                return RangeSource(p.Expr);
            case MatrixSelector ms:
            {
                var vs = ms.VectorSelector;
                var src = new WindowSource(ms.RangeMs, vs.OffsetMs, vs.Timestamp, vs.At, this);
                long firstT = src.WindowEnd(start);
                long lastT = src.WindowEnd(end);
                using var querier = ctx.Store.Querier(firstT - ms.RangeMs + 1, lastT);
                var set = querier.Select(true, [.. vs.Matchers]);
                Store.ISampleIterator? it = null;
                while (set.Next())
                {
                    ctx.CheckCanceled();
                    var series = set.At;
                    var pts = new List<FPoint>();
                    it = series.Iterator(it);
                    if (it.Seek(firstT - ms.RangeMs + 1))
                    {
                        do
                        {
                            if (it.T > lastT) break;
                            if (!StaleNaN.IsStale(it.V)) pts.Add(new FPoint(it.T, it.V));
                        }
                        while (it.Next());
                    }
                    if (pts.Count == 0) continue;
                    ctx.AddSamples(pts.Count);
                    src.Series.Add(new EvalSeries(series.Labels, pts));
                }
                return src;
            }
            case SubqueryExpr sq:
            {
                var src = new WindowSource(sq.RangeMs, sq.OffsetMs, sq.Timestamp, sq.At, this);
                long refStart = RefTime(sq.Timestamp, sq.At, start);
                long refEnd = RefTime(sq.Timestamp, sq.At, end);
                long step = sq.StepMs > 0 ? sq.StepMs : ctx.DefaultStepMs;
                long lo = refStart - sq.OffsetMs - sq.RangeMs;
                // Align the subquery's steps to absolute multiples of its step, as Prometheus does (Go division truncates too).
                long subStart = step * (lo / step);
                if (subStart < lo) subStart += step;
                long subEnd = refEnd - sq.OffsetMs;
                if (subStart > subEnd) return src;
                var inner = new Evaluator(ctx, subStart, subEnd, step);
                foreach (var s in inner.Eval(sq.Expr))
                {
                    if (s.Points.Count > 0) src.Series.Add(s);
                }
                return src;
            }
            default:
                throw new QueryException(QueryErrorKind.Execution, $"expected a range vector, got {Engine.TypeName(e.Type)} {e}");
        }
    }

    /// <summary>The series a matrix argument covers and how a step maps to its window (t − range, t].</summary>
    private sealed class WindowSource(long rangeMs, long offsetMs, long? timestamp, AtModifier at, Evaluator owner)
    {
        public long RangeMs => rangeMs;
        public long OffsetMs => offsetMs;
        public List<EvalSeries> Series { get; } = [];

        /// <summary>The inclusive end of the window evaluated for step time <paramref name="ts"/>.</summary>
        public long WindowEnd(long ts) => owner.RefTime(timestamp, at, ts) - offsetMs;
    }
}
