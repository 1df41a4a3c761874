using System.Runtime.InteropServices;
using Argus.Model;
using Argus.Query.Parser;
using ValueType = Argus.Query.Parser.ValueType;

namespace Argus.Query.Engine;

internal sealed partial class Evaluator
{
    private List<EvalSeries> EvalCall(Call c)
    {
        string name = c.Function.Name;
        for (int i = 0; i < c.Args.Count; i++)
        {
            if (c.Args[i].Type == ValueType.Matrix) return EvalRangeCall(c, i);
        }
        switch (name)
        {
            case "time": return StepScalar(static (ts, _) => ts / 1000.0);
            case "pi": return ScalarSeries(Math.PI);
            case "start": return ScalarSeries(ctx.StartMs / 1000.0);
            case "end": return ScalarSeries(ctx.EndMs / 1000.0);
            case "range": return ScalarSeries((ctx.EndMs - ctx.StartMs) / 1000.0);
            case "step": return ScalarSeries(ctx.StepMs / 1000.0);
            case "vector":
            {
                var v = EvalScalarPerStep(c.Args[0]);
                var pts = new List<FPoint>(v.Length);
                for (int i = 0; i < v.Length; i++) pts.Add(new FPoint(StepTime(i), v[i]));
                return [new EvalSeries(Labels.Empty, pts)];
            }
            case "scalar":
            {
                var mat = Eval(c.Args[0]);
                return RangeEval([mat], (args, _, _, output) =>
                    output.Add(new EvalSample(Labels.Empty, args[0].Count == 1 ? args[0][0].F : double.NaN, false)));
            }
            case "min_of":
            case "max_of":
            {
                var l = EvalScalarPerStep(c.Args[0]);
                var r = EvalScalarPerStep(c.Args[1]);
                var pts = new List<FPoint>(l.Length);
                for (int i = 0; i < l.Length; i++) pts.Add(new FPoint(StepTime(i), name == "min_of" ? Math.Min(l[i], r[i]) : Math.Max(l[i], r[i])));
                return [new EvalSeries(Labels.Empty, pts)];
            }
            case "timestamp":
            {
                var arg = Unwrap(c.Args[0]);
                if (arg is VectorSelector vs) return EvalVectorSelector(vs, timestampAsValue: true);
                var mat = Eval(arg);
                foreach (var s in mat)
                {
                    var pts = CollectionsMarshal.AsSpan(s.Points);
                    for (int i = 0; i < pts.Length; i++) pts[i] = pts[i] with { F = pts[i].T / 1000.0 };
                    s.DropName = true;
                }
                return mat;
            }
            case "absent":
            {
                var mat = Eval(c.Args[0]);
                var labels = AbsentLabels(c.Args[0]);
                return RangeEval([mat], (args, _, _, output) =>
                {
                    if (args[0].Count == 0) output.Add(new EvalSample(labels, 1, false));
                });
            }
            case "label_replace": return LabelReplace(c);
            case "label_join": return LabelJoin(c);
            case "sort":
            case "sort_desc":
            case "sort_by_label":
            case "sort_by_label_desc":
                return Sort(c);
            case "histogram_quantile": return HistogramQuantile(c);
            case "histogram_fraction": return HistogramFraction(c);
            case "histogram_count":
            case "histogram_sum":
            case "histogram_avg":
            case "histogram_stddev":
            case "histogram_stdvar":
                // These read native histograms only; float samples are ignored, as in Prometheus.
                Eval(c.Args[0]);
                return [];
            case "clamp":
            case "clamp_min":
            case "clamp_max":
                return Clamp(c);
            case "round":
            {
                var mat = Eval(c.Args[0]);
                var to = c.Args.Count > 1 ? EvalScalarPerStep(c.Args[1]) : null;
                foreach (var s in mat)
                {
                    var pts = CollectionsMarshal.AsSpan(s.Points);
                    for (int i = 0; i < pts.Length; i++)
                    {
                        double inv = 1.0 / (to is null ? 1.0 : to[(int)((pts[i].T - start) / interval)]);
                        pts[i] = pts[i] with { F = Math.Floor(pts[i].F * inv + 0.5) / inv };
                    }
                    s.DropName = true;
                }
                return mat;
            }
            case "day_of_month":
            case "day_of_week":
            case "day_of_year":
            case "days_in_month":
            case "hour":
            case "minute":
            case "month":
            case "year":
            {
                var fn = InstantFunctions.ForName(name);
                var mat = c.Args.Count == 0 ? StepVector(static (ts, _) => ts / 1000.0) : Eval(c.Args[0]);
                InstantFunctions.Apply(fn, mat);
                return mat;
            }
            case "info":
                throw new QueryException(QueryErrorKind.Execution, "info() is not supported by Argus");
            default:
            {
                var fn = InstantFunctions.ForName(name);
                var mat = Eval(c.Args[0]);
                InstantFunctions.Apply(fn, mat);
                return mat;
            }
        }
    }

    private static Expr Unwrap(Expr e) => e is ParenExpr p ? Unwrap(p.Expr) : e;

    private List<EvalSeries> StepScalar(Func<long, int, double> value)
    {
        int n = StepCount;
        var pts = new List<FPoint>(n);
        for (int i = 0; i < n; i++) pts.Add(new FPoint(StepTime(i), value(StepTime(i), i)));
        return [new EvalSeries(Labels.Empty, pts)];
    }

    private List<EvalSeries> StepVector(Func<long, int, double> value) => StepScalar(value);

    private List<EvalSeries> Clamp(Call c)
    {
        var mat = Eval(c.Args[0]);
        double[]? min = c.Function.Name is "clamp" or "clamp_min" ? EvalScalarPerStep(c.Args[1]) : null;
        double[]? max = c.Function.Name == "clamp" ? EvalScalarPerStep(c.Args[2]) : c.Function.Name == "clamp_max" ? EvalScalarPerStep(c.Args[1]) : null;
        foreach (var s in mat)
        {
            var pts = s.Points;
            int w = 0;
            for (int i = 0; i < pts.Count; i++)
            {
                int step = (int)((pts[i].T - start) / interval);
                double lo = min is null ? double.NegativeInfinity : min[step];
                double hi = max is null ? double.PositiveInfinity : max[step];
                if (min is not null && max is not null && hi < lo) continue;
                double f = pts[i].F;
                if (min is not null) f = GoMax(lo, f);
                if (max is not null) f = GoMin(hi, f);
                pts[w++] = pts[i] with { F = f };
            }
            pts.RemoveRange(w, pts.Count - w);
            s.DropName = true;
        }
        mat.RemoveAll(static s => s.Points.Count == 0);
        return mat;
    }

    /// <summary>Go's math.Max: NaN if either is NaN.</summary>
    private static double GoMax(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b);

    private static double GoMin(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Min(a, b);

    /// <summary>absent()'s labels: the equality matchers of a selector argument (a name matched twice is left out), else none.</summary>
    private static Labels AbsentLabels(Expr arg)
    {
        var e = Unwrap(arg);
        if (e is MatrixSelector ms) e = ms.VectorSelector;
        if (e is SubqueryExpr) return Labels.Empty;
        if (e is not VectorSelector vs) return Labels.Empty;
        var b = new Labels.Builder();
        var seen = new HashSet<string>();
        var dupl = new HashSet<string>();
        foreach (var m in vs.Matchers)
        {
            if (m.Name == Labels.MetricName) continue;
            if (!seen.Add(m.Name)) dupl.Add(m.Name);
            else if (m.Type == MatcherType.Equal) b.Set(m.Name, m.Value);
        }
        foreach (var d in dupl) b.Del(d);
        return b.Build();
    }

    private List<EvalSeries> Sort(Call c)
    {
        var mat = Eval(c.Args[0]);
        if (ctx.StartMs != ctx.EndMs)
        {
            ctx.Warn("sort is ineffective for range queries since results are always ordered by labels");
            return mat;
        }
        string name = c.Function.Name;
        if (name is "sort" or "sort_desc")
        {
            bool desc = name == "sort_desc";
            // NaN sorts last in both directions (Prometheus's vectorByValueHeap reversed).
            var sorted = mat.OrderBy(s => double.IsNaN(s.Points[0].F) ? 1 : 0)
                .ThenBy(s => desc ? -s.Points[0].F : s.Points[0].F).ToList();
            return sorted;
        }
        var labels = new string[c.Args.Count - 1];
        for (int i = 1; i < c.Args.Count; i++) labels[i - 1] = EvalString(c.Args[i]);
        int sign = name == "sort_by_label_desc" ? -1 : 1;
        var list = mat.ToList();
        list.Sort((a, b) =>
        {
            foreach (var l in labels)
            {
                int r = NaturalCompare(a.Metric.Get(l), b.Metric.Get(l));
                if (r != 0) return sign * r;
            }
            return sign * Labels.Compare(a.Metric, b.Metric);
        });
        return list;
    }

    /// <summary>Natural order as Prometheus's sort_by_label (digit runs compare by numeric value).</summary>
    private static int NaturalCompare(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                int si = i, sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i])) i++;
                while (j < b.Length && char.IsAsciiDigit(b[j])) j++;
                string na = a[si..i].TrimStart('0'), nb = b[sj..j].TrimStart('0');
                if (na.Length != nb.Length) return na.Length.CompareTo(nb.Length);
                int r = string.CompareOrdinal(na, nb);
                if (r != 0) return r;
            }
            else
            {
                if (a[i] != b[j]) return a[i].CompareTo(b[j]);
                i++;
                j++;
            }
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }
}
