using System.Globalization;
using System.Runtime.InteropServices;
using Argus.Model;
using Argus.Query.Parser;
using ValueType = Argus.Query.Parser.ValueType;

namespace Argus.Query.Engine;

internal sealed partial class Evaluator
{
    private List<EvalSeries> EvalAggregate(AggregateExpr a)
    {
        string? valueLabel = null;
        double[]? param = null;
        if (a.Op == AggregationOp.CountValues)
        {
            valueLabel = EvalString(a.Param!);
            if (!IsValidLabelName(valueLabel)) throw new QueryException(QueryErrorKind.Execution, $"invalid label name \"{valueLabel}\"");
        }
        else if (a.Param is not null)
        {
            param = EvalScalarPerStep(a.Param);
        }
        if (a.Op is AggregationOp.Sum or AggregationOp.Avg or AggregationOp.Count or AggregationOp.Min or AggregationOp.Max
            or AggregationOp.Group or AggregationOp.Stddev or AggregationOp.Stdvar)
        {
            long accounted = ctx.CurrentSamples;
            try
            {
                return AggregateStreamed(a);
            }
            catch (TooManyCellsException)
            {
                // Too many groups × steps for the accumulators: evaluate again, holding the input and aggregating step by step.
                ctx.RestoreSamples(accounted);
            }
        }
        var input = Eval(a.Expr);

        // Group keys are computed once per input series, not per step.
        var groups = new GroupingIndex(a.Grouping, a.Without);
        var groupOf = new int[input.Count];
        for (int s = 0; s < input.Count; s++) groupOf[s] = groups.GroupOf(input[s].Metric);
        var groupLabels = groups.Groups;

        var result = a.Op switch
        {
            AggregationOp.TopK or AggregationOp.BottomK or AggregationOp.LimitK or AggregationOp.LimitRatio => SelectK(a.Op, input, groupOf, groupLabels.Count, param!),
            AggregationOp.Quantile => AggregateQuantile(input, groupOf, groupLabels, param!),
            AggregationOp.CountValues => CountValues(input, groupOf, groupLabels, valueLabel!),
            _ => AggregateSimple(a.Op, input, groupOf, groupLabels),
        };
        long held = 0;
        foreach (var s in input) held += s.Points.Count;
        ctx.ReleaseSamples(held);
        return result;
    }

    /// <summary>
    /// sum, avg, count, min, max, group, stddev, stdvar with the input streamed into per-(group, step) accumulators: a
    /// selector or range function hands over one series at a time, so the input is never held as a whole. Throws
    /// <see cref="TooManyCellsException"/> when the accumulators would be too large.
    /// </summary>
    private List<EvalSeries> AggregateStreamed(AggregateExpr a)
    {
        var aggregation = new SimpleAggregation(a.Op, new GroupingIndex(a.Grouping, a.Without), start, interval, StepCount, ctx.Options.MaxAggregationCells);
        EvalInto(a.Expr, aggregation);
        var result = aggregation.Result();
        foreach (var s in result) ctx.AddSamples(s.Points.Count);
        ctx.ReleaseSamples(aggregation.InputPoints);
        return result;
    }

    /// <summary>Evaluates an instant-vector expression into a sink: streamed for selectors and range functions, else materialised first.</summary>
    private void EvalInto(Expr e, ISeriesSink sink)
    {
        ctx.CheckCanceled();
        switch (e)
        {
            case ParenExpr p:
                EvalInto(p.Expr, sink);
                return;
            case VectorSelector vs:
                EvalVectorSelector(vs, timestampAsValue: false, sink);
                return;
            case Call c:
                for (int i = 0; i < c.Args.Count; i++)
                {
                    if (c.Args[i].Type == ValueType.Matrix)
                    {
                        EvalRangeCall(c, i, sink);
                        return;
                    }
                }
                break;
        }
        foreach (var s in Eval(e)) sink.Add(s.Metric, s.DropName, CollectionsMarshal.AsSpan(s.Points));
    }

    /// <summary>sum, avg, count, min, max, group, stddev, stdvar: one accumulator per group, reset each step; no allocation per sample.</summary>
    private List<EvalSeries> AggregateSimple(AggregationOp op, List<EvalSeries> input, int[] groupOf, List<Labels> groupLabels)
    {
        int groups = groupLabels.Count;
        var value = new double[groups];
        var comp = new double[groups];
        var mean = new double[groups];
        var count = new double[groups];
        var incremental = new bool[groups];
        var outputs = new List<FPoint>?[groups];
        var dropName = new bool[groups];
        for (int s = 0; s < input.Count; s++) dropName[groupOf[s]] |= input[s].DropName;
        var cursor = new int[input.Count];
        int n = StepCount;
        for (int i = 0; i < n; i++)
        {
            long ts = StepTime(i);
            Array.Clear(count);
            for (int s = 0; s < input.Count; s++)
            {
                var pts = input[s].Points;
                int c = cursor[s];
                if (c >= pts.Count || pts[c].T != ts) continue;
                cursor[s] = c + 1;
                double f = pts[c].F;
                int g = groupOf[s];
                if (count[g] == 0)
                {
                    count[g] = 1;
                    value[g] = op is AggregationOp.Stddev or AggregationOp.Stdvar ? (double.IsNaN(f) || double.IsInfinity(f) ? double.NaN : 0) : f;
                    comp[g] = 0;
                    mean[g] = f;
                    incremental[g] = false;
                    continue;
                }
                count[g]++;
                switch (op)
                {
                    case AggregationOp.Sum:
                        KahanSum.Inc(f, ref value[g], ref comp[g]);
                        break;
                    case AggregationOp.Avg:
                        AvgInc(f, count[g], ref value[g], ref comp[g], ref mean[g], ref incremental[g]);
                        break;
                    case AggregationOp.Max:
                        if (value[g] < f || double.IsNaN(value[g])) value[g] = f;
                        break;
                    case AggregationOp.Min:
                        if (value[g] > f || double.IsNaN(value[g])) value[g] = f;
                        break;
                    case AggregationOp.Stddev:
                    case AggregationOp.Stdvar:
                        double delta = f - mean[g];
                        mean[g] += delta / count[g];
                        value[g] += delta * (f - mean[g]);
                        break;
                }
            }
            for (int g = 0; g < groups; g++)
            {
                if (count[g] == 0) continue;
                double v = op switch
                {
                    AggregationOp.Sum => value[g] + comp[g],
                    AggregationOp.Avg => incremental[g] ? mean[g] + comp[g] : value[g] / count[g] + comp[g] / count[g],
                    AggregationOp.Count => count[g],
                    AggregationOp.Group => 1,
                    AggregationOp.Stdvar => value[g] / count[g],
                    AggregationOp.Stddev => Math.Sqrt(value[g] / count[g]),
                    _ => value[g],
                };
                (outputs[g] ??= []).Add(new FPoint(ts, v));
            }
        }
        var result = new List<EvalSeries>();
        for (int g = 0; g < groups; g++)
        {
            if (outputs[g] is { } pts)
            {
                ctx.AddSamples(pts.Count);
                // Only a grouping that keeps __name__ can carry a name still to be dropped (delayed name removal).
                result.Add(new EvalSeries(groupLabels[g], pts, dropName[g] && groupLabels[g].Has(Labels.MetricName)));
            }
        }
        return result;
    }

    /// <summary>
    /// One step of Prometheus's float mean: Kahan sum while it stays finite, then an incremental mean (avoids overflow).
    /// <paramref name="count"/> already includes <paramref name="f"/>.
    /// </summary>
    internal static void AvgInc(double f, double count, ref double sum, ref double c, ref double mean, ref bool incremental)
    {
        if (!incremental)
        {
            double newSum = sum, newC = c;
            KahanSum.Inc(f, ref newSum, ref newC);
            if (!double.IsInfinity(newSum))
            {
                sum = newSum;
                c = newC;
                return;
            }
            incremental = true;
            mean = sum / (count - 1);
            c /= count - 1;
        }
        if (double.IsInfinity(mean))
        {
            if (double.IsInfinity(f) && (mean > 0) == (f > 0)) return;
            if (!double.IsInfinity(f) && !double.IsNaN(f)) return;
        }
        double q = (count - 1) / count;
        double m = q * mean, qc = q * c;
        KahanSum.Inc(f / count, ref m, ref qc);
        mean = m;
        c = qc;
    }

    /// <summary>topk, bottomk, limitk, limit_ratio: keep input series (with their labels) per group and step.</summary>
    private List<EvalSeries> SelectK(AggregationOp op, List<EvalSeries> input, int[] groupOf, int groups, double[] param)
    {
        var members = new List<(int Series, double F)>[groups];
        for (int g = 0; g < groups; g++) members[g] = [];
        var cursor = new int[input.Count];
        var collector = new SeriesCollector();
        int n = StepCount;
        Comparison<(int Series, double F)> order = op == AggregationOp.TopK
            ? static (x, y) => double.IsNaN(x.F) ? (double.IsNaN(y.F) ? 0 : 1) : double.IsNaN(y.F) ? -1 : y.F.CompareTo(x.F)
            : static (x, y) => double.IsNaN(x.F) ? (double.IsNaN(y.F) ? 0 : 1) : double.IsNaN(y.F) ? -1 : x.F.CompareTo(y.F);
        for (int i = 0; i < n; i++)
        {
            long ts = StepTime(i);
            foreach (var m in members) m.Clear();
            for (int s = 0; s < input.Count; s++)
            {
                var pts = input[s].Points;
                int c = cursor[s];
                if (c >= pts.Count || pts[c].T != ts) continue;
                cursor[s] = c + 1;
                members[groupOf[s]].Add((s, pts[c].F));
            }
            double p = param[i];
            if (op == AggregationOp.LimitRatio)
            {
                if (double.IsNaN(p)) throw new QueryException(QueryErrorKind.Execution, "Ratio value is NaN");
                if (p < -1 || p > 1)
                {
                    ctx.Warn($"ratio value should be between -1 and 1, got {FormatFloat(p)}, capping to {(p < -1 ? -1 : 1)}");
                    p = Math.Clamp(p, -1, 1);
                }
                foreach (var m in members)
                {
                    foreach (var (s, f) in m)
                    {
                        double offset = input[s].Metric.Hash / (double)ulong.MaxValue;
                        bool keep = p >= 0 ? offset < p : offset >= 1 + p;
                        if (keep) collector.Add(input[s].Metric, input[s].DropName, ts, f);
                    }
                }
                continue;
            }
            if (double.IsNaN(p)) throw new QueryException(QueryErrorKind.Execution, "Parameter value is NaN");
            if (p >= 9.2233720368547758e18 || p < -9.2233720368547758e18)
            {
                throw new QueryException(QueryErrorKind.Execution, $"Scalar value {FormatFloat(p)} overflows int64");
            }
            long k = (long)p;
            if (k < 1) continue;
            foreach (var m in members)
            {
                if (m.Count == 0) continue;
                if (op != AggregationOp.LimitK) m.Sort(order);
                int take = (int)Math.Min(k, m.Count);
                for (int j = 0; j < take; j++)
                {
                    var (s, f) = m[j];
                    collector.Add(input[s].Metric, input[s].DropName, ts, f);
                }
            }
        }
        return collector.Series;
    }

    private List<EvalSeries> AggregateQuantile(List<EvalSeries> input, int[] groupOf, List<Labels> groupLabels, double[] param)
    {
        int groups = groupLabels.Count;
        var values = new List<double>[groups];
        for (int g = 0; g < groups; g++) values[g] = [];
        var cursor = new int[input.Count];
        var collector = new SeriesCollector();
        for (int i = 0; i < StepCount; i++)
        {
            long ts = StepTime(i);
            foreach (var v in values) v.Clear();
            for (int s = 0; s < input.Count; s++)
            {
                var pts = input[s].Points;
                int c = cursor[s];
                if (c >= pts.Count || pts[c].T != ts) continue;
                cursor[s] = c + 1;
                values[groupOf[s]].Add(pts[c].F);
            }
            double q = param[i];
            bool any = false;
            for (int g = 0; g < groups; g++)
            {
                if (values[g].Count == 0) continue;
                any = true;
                collector.Add(groupLabels[g], false, ts, RangeFunctions.Quantile(q, values[g]));
            }
            if (any && (q < 0 || q > 1 || double.IsNaN(q))) ctx.Warn($"quantile value should be between 0 and 1, got {FormatFloat(q)}");
        }
        return collector.Series;
    }

    private List<EvalSeries> CountValues(List<EvalSeries> input, int[] groupOf, List<Labels> groupLabels, string label)
    {
        var cursor = new int[input.Count];
        var collector = new SeriesCollector();
        var counts = new Dictionary<(int Group, string Value), int>();
        var order = new List<(int Group, string Value)>();
        for (int i = 0; i < StepCount; i++)
        {
            long ts = StepTime(i);
            counts.Clear();
            order.Clear();
            for (int s = 0; s < input.Count; s++)
            {
                var pts = input[s].Points;
                int c = cursor[s];
                if (c >= pts.Count || pts[c].T != ts) continue;
                cursor[s] = c + 1;
                var key = (groupOf[s], FormatFloat(pts[c].F));
                if (counts.TryGetValue(key, out int cnt)) counts[key] = cnt + 1;
                else
                {
                    counts[key] = 1;
                    order.Add(key);
                }
            }
            foreach (var key in order)
            {
                var metric = groupLabels[key.Group].ToBuilder().Set(label, key.Value).Build();
                collector.Add(metric, false, ts, counts[key]);
            }
        }
        return collector.Series;
    }

    internal static bool IsValidLabelName(string name)
    {
        // Names arrive as UTF-16; invalid UTF-8 escapes in the query were decoded to U+FFFD, which Prometheus rejects.
        if (name.Length == 0 || name.Contains('\uFFFD')) return false;
        foreach (char ch in name)
        {
            if (ch > 0x7f) return true;
        }
        if (!(char.IsAsciiLetter(name[0]) || name[0] == '_')) return false;
        foreach (char ch in name)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch == '_')) return false;
        }
        return true;
    }

    /// <summary>Go's strconv.FormatFloat(f, 'f', -1, 64): shortest round-trip digits, never an exponent.</summary>
    internal static string FormatFloat(double f)
    {
        if (double.IsNaN(f)) return "NaN";
        if (double.IsPositiveInfinity(f)) return "+Inf";
        if (double.IsNegativeInfinity(f)) return "-Inf";
        string r = f.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(['E', 'e']);
        if (e < 0) return r;
        // Expand the exponent: "1.5E+21" → "1500000000000000000000", "1E-07" → "0.0000001".
        bool neg = r[0] == '-';
        string mant = r[(neg ? 1 : 0)..e];
        int exp = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
        int dot = mant.IndexOf('.');
        string digits = dot < 0 ? mant : mant.Remove(dot, 1);
        int pointPos = (dot < 0 ? mant.Length : dot) + exp;
        string s;
        if (pointPos <= 0) s = "0." + new string('0', -pointPos) + digits;
        else if (pointPos >= digits.Length) s = digits + new string('0', pointPos - digits.Length);
        else s = digits[..pointPos] + "." + digits[pointPos..];
        return neg ? "-" + s : s;
    }
}
