using System.Runtime.InteropServices;
using Argus.Model;
using Argus.Query.Parser;
using ValueType = Argus.Query.Parser.ValueType;

namespace Argus.Query.Engine;

internal sealed partial class Evaluator
{
    /// <summary>
    /// A function with a range-vector argument: per series and step, the window (t − range, t] of the loaded samples is
    /// found by two cursors that only move forward, and the function reads it as a span: no allocation per sample.
    /// </summary>
    private List<EvalSeries> EvalRangeCall(Call c, int matrixIndex)
    {
        string name = c.Function.Name;
        double[]?[] scalars = new double[]?[c.Args.Count];
        for (int i = 0; i < c.Args.Count; i++)
        {
            if (i != matrixIndex && c.Args[i].Type == ValueType.Scalar) scalars[i] = EvalScalarPerStep(c.Args[i]);
        }
        var src = RangeSource(c.Args[matrixIndex]);
        int n = StepCount;
        var result = new List<EvalSeries>();
        try
        {
            if (name == "absent_over_time") return AbsentOverTime(c, src);
            var fn = RangeFunctions.ForName(name);
            bool keepName = fn is RangeFunction.LastOverTime or RangeFunction.FirstOverTime;
            if (fn is RangeFunction.QuantileOverTime)
            {
                foreach (double q in scalars[0]!)
                {
                    if (q < 0 || q > 1 || double.IsNaN(q)) { if (src.Series.Count > 0) ctx.Warn($"quantile value should be between 0 and 1, got {FormatFloat(q)}"); break; }
                }
            }
            var scratch = new List<double>();
            foreach (var series in src.Series)
            {
                ctx.CheckCanceled();
                var pts = CollectionsMarshal.AsSpan(series.Points);
                int lo = 0, hi = 0;
                List<FPoint>? output = null;
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
                    if (RangeFunctions.Compute(fn, pts[lo..hi], args, scratch, out double v))
                    {
                        (output ??= []).Add(new FPoint(ts, v));
                    }
                }
                if (output is null) continue;
                if (fn is RangeFunction.Rate or RangeFunction.Increase) CheckCounterName(series.Metric);
                ctx.AddSamples(output.Count);
                result.Add(new EvalSeries(series.Metric, output, !keepName || series.DropName));
            }
            return result;
        }
        finally
        {
            long held = 0;
            foreach (var s in src.Series) held += s.Points.Count;
            ctx.ReleaseSamples(held);
        }
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
