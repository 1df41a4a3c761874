using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Argus.Model;
using Argus.Query.Parser;
using ValueType = Argus.Query.Parser.ValueType;

namespace Argus.Query.Engine;

internal sealed partial class Evaluator
{
    /// <summary>
    /// A function with a range-vector argument: per series and step, the window (t − range, t] of the loaded samples is
    /// found by two cursors that only move forward, and the function reads it as a span: no allocation per sample. A matrix
    /// selector is read series by series into a reused buffer, so only the function's output is kept; with a
    /// <paramref name="sink"/> not even that (each output series goes to the sink and the result is empty).
    /// </summary>
    private List<EvalSeries> EvalRangeCall(Call c, int matrixIndex, ISeriesSink? sink = null)
    {
        string name = c.Function.Name;
        double[]?[] scalars = new double[]?[c.Args.Count];
        for (int i = 0; i < c.Args.Count; i++)
        {
            if (i != matrixIndex && c.Args[i].Type == ValueType.Scalar) scalars[i] = EvalScalarPerStep(c.Args[i]);
        }
        if (name == "absent_over_time")
        {
            var absentSource = RangeSource(c.Args[matrixIndex]);
            try
            {
                return Emit(AbsentOverTime(c, absentSource), sink);
            }
            finally
            {
                ReleaseSource(absentSource.Series);
            }
        }
        var fn = RangeFunctions.ForName(name);
        var call = new RangeCall(fn, scalars, fn is RangeFunction.LastOverTime or RangeFunction.FirstOverTime);
        if (Unwrap(c.Args[matrixIndex]) is MatrixSelector ms)
        {
            return StreamRangeCall(ms, call, sink);
        }
        var src = RangeSource(c.Args[matrixIndex]);
        var result = new List<EvalSeries>();
        try
        {
            CheckQuantileArg(call, src.Series.Count > 0);
            foreach (var series in src.Series)
            {
                ctx.CheckCanceled();
                var output = OutputBuffer(sink, 0);
                ComputeRangeSeries(call, src, CollectionsMarshal.AsSpan(series.Points), output);
                EmitRangeSeries(call, series.Metric, series.DropName, output, result, sink);
            }
            return result;
        }
        finally
        {
            ReleaseSource(src.Series);
        }
    }

    /// <summary>What one range function call needs per series: the function, its scalar arguments per step, scratch space.</summary>
    private sealed record RangeCall(RangeFunction Fn, double[]?[] Scalars, bool KeepName)
    {
        public List<double> Scratch { get; } = [];
        public bool QuantileChecked { get; set; }
    }

    /// <summary>The matrix selector read series by series: samples into the reused buffer, outputs kept or sent to the sink.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<EvalSeries> StreamRangeCall(MatrixSelector ms, RangeCall call, ISeriesSink? sink)
    {
        var vs = ms.VectorSelector;
        var src = new WindowSource(ms.RangeMs, vs.OffsetMs, vs.Timestamp, vs.At, this);
        long firstT = src.WindowEnd(start);
        long lastT = src.WindowEnd(end);
        var result = new List<EvalSeries>();
        long held = 0;
        try
        {
            using var querier = ctx.Store.Querier(firstT - ms.RangeMs + 1, lastT);
            var set = querier.Select(true, [.. vs.Matchers]);
            Store.ISampleIterator? it = null;
            while (set.Next())
            {
                ctx.CheckCanceled();
                var series = set.At;
                it = series.Iterator(it);
                int loaded = LoadSamples(it, firstT - ms.RangeMs + 1, lastT, dropStale: true);
                if (loaded == 0) continue;
                // The loaded samples count as held until the call ends, as when the whole matrix was loaded first.
                ctx.AddSamples(loaded);
                held += loaded;
                CheckQuantileArg(call, true);
                var output = OutputBuffer(sink, 0);
                ComputeRangeSeries(call, src, _samples.AsSpan(0, loaded), output);
                EmitRangeSeries(call, series.Labels, false, output, result, sink);
            }
            return result;
        }
        finally
        {
            ctx.ReleaseSamples(held);
        }
    }

    private void CheckQuantileArg(RangeCall call, bool anySeries)
    {
        if (call.Fn is not RangeFunction.QuantileOverTime || call.QuantileChecked || !anySeries) return;
        call.QuantileChecked = true;
        foreach (double q in call.Scalars[0]!)
        {
            if (q < 0 || q > 1 || double.IsNaN(q))
            {
                ctx.Warn($"quantile value should be between 0 and 1, got {FormatFloat(q)}");
                break;
            }
        }
    }

    /// <summary>The function's value at every step whose window holds samples of <paramref name="pts"/>, appended to <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeRangeSeries(RangeCall call, WindowSource src, ReadOnlySpan<FPoint> pts, List<FPoint> output)
    {
        var scalars = call.Scalars;
        int n = StepCount;
        int lo = 0, hi = 0;
        for (int i = 0; i < n; i++)
        {
            long ts = StepTime(i);
            long t = src.WindowEnd(ts);
            long from = t - src.RangeMs;
            while (hi < pts.Length && pts[hi].T <= t) hi++;
            while (lo < hi && pts[lo].T <= from) lo++;
            if (lo >= hi) continue;
            var args = new RangeArgs(from, t, src.RangeMs,
                scalars.Length > 1 && scalars[1] is { } s1 ? s1[i] : double.NaN,
                scalars.Length > 2 && scalars[2] is { } s2 ? s2[i] : double.NaN,
                scalars[0] is { } s0 ? s0[i] : double.NaN, ts);
            if (RangeFunctions.Compute(call.Fn, pts[lo..hi], args, call.Scratch, out double v)) output.Add(new FPoint(ts, v));
        }
    }

    private void EmitRangeSeries(RangeCall call, Labels metric, bool dropName, List<FPoint> output, List<EvalSeries> result, ISeriesSink? sink)
    {
        if (output.Count == 0) return;
        if (call.Fn is RangeFunction.Rate or RangeFunction.Increase) CheckCounterName(metric);
        ctx.AddSamples(output.Count);
        bool drop = !call.KeepName || dropName;
        if (sink is null) result.Add(new EvalSeries(metric, output, drop));
        else sink.Add(metric, drop, CollectionsMarshal.AsSpan(output));
    }

    /// <summary>Hands a computed result to the sink when there is one (returning nothing), else returns it.</summary>
    private static List<EvalSeries> Emit(List<EvalSeries> mat, ISeriesSink? sink)
    {
        if (sink is null) return mat;
        foreach (var s in mat) sink.Add(s.Metric, s.DropName, CollectionsMarshal.AsSpan(s.Points));
        return [];
    }

    private void ReleaseSource(List<EvalSeries> series)
    {
        long held = 0;
        foreach (var s in series) held += s.Points.Count;
        ctx.ReleaseSamples(held);
    }

    private void CheckCounterName(Labels metric)
    {
        string name = metric.MetricNameValue;
        if (name.Length == 0) return;
        if (name.EndsWith("_total", StringComparison.Ordinal) || name.EndsWith("_sum", StringComparison.Ordinal)
            || name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_bucket", StringComparison.Ordinal)) return;
        ctx.Info($"metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \"{name}\"");
    }

    private List<EvalSeries> AbsentOverTime(Call c, WindowSource src)
    {
        var labels = AbsentLabels(c.Args[0]);
        var pts = new List<FPoint>();
        var lo = new int[src.Series.Count];
        var hi = new int[src.Series.Count];
        for (int i = 0; i < StepCount; i++)
        {
            long ts = StepTime(i);
            long t = src.WindowEnd(ts);
            bool any = false;
            for (int s = 0; s < src.Series.Count; s++)
            {
                var p = src.Series[s].Points;
                while (hi[s] < p.Count && p[hi[s]].T <= t) hi[s]++;
                while (lo[s] < hi[s] && p[lo[s]].T <= t - src.RangeMs) lo[s]++;
                if (lo[s] < hi[s]) any = true;
            }
            if (!any) pts.Add(new FPoint(ts, 1));
        }
        return pts.Count == 0 ? [] : [new EvalSeries(labels, pts)];
    }
}
