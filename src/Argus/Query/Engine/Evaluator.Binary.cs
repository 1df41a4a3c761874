using Argus.Model;
using Argus.Query.Parser;
using ValueType = Argus.Query.Parser.ValueType;

namespace Argus.Query.Engine;

internal sealed partial class Evaluator
{
    private List<EvalSeries> EvalBinary(BinaryExpr b)
    {
        bool lScalar = b.Lhs.Type == ValueType.Scalar, rScalar = b.Rhs.Type == ValueType.Scalar;
        if (lScalar && rScalar)
        {
            var l = EvalScalarPerStep(b.Lhs);
            var r = EvalScalarPerStep(b.Rhs);
            var pts = new List<FPoint>(l.Length);
            for (int i = 0; i < l.Length; i++)
            {
                var (v, keep) = ElemBinop(b.Op, l[i], r[i]);
                if (IsComparison(b.Op)) v = keep ? 1 : 0;
                pts.Add(new FPoint(StepTime(i), v));
            }
            return [new EvalSeries(Labels.Empty, pts)];
        }
        if (lScalar || rScalar) return VectorScalarBinop(b, vectorOnLeft: rScalar);
        var lhs = Eval(b.Lhs);
        var rhs = Eval(b.Rhs);
        var matching = b.VectorMatching ?? new VectorMatching(
            b.Op is BinaryOp.And or BinaryOp.Or or BinaryOp.Unless ? VectorMatchCardinality.ManyToMany : VectorMatchCardinality.OneToOne, [], false, []);
        // One index for both sides, so equal signatures are the same group number and the same Labels instance.
        var signatures = new GroupingIndex(matching.MatchingLabels, without: !matching.On);
        var lsigId = SignatureIds(lhs, signatures);
        var rsigId = SignatureIds(rhs, signatures);
        var lsig = SignatureLabels(lsigId, signatures);
        var rsig = SignatureLabels(rsigId, signatures);
        switch (b.Op)
        {
            case BinaryOp.And:
            case BinaryOp.Unless:
            {
                bool and = b.Op == BinaryOp.And;
                var set = new HashSet<Labels>();
                return RangeEval([lhs, rhs], (args, _, _, output) =>
                {
                    set.Clear();
                    foreach (var r in args[1]) set.Add(rsig[r.Series]);
                    foreach (var l in args[0])
                    {
                        if (set.Contains(lsig[l.Series]) == and) output.Add(l);
                    }
                });
            }
            case BinaryOp.Or:
            {
                var set = new HashSet<Labels>();
                return RangeEval([lhs, rhs], (args, _, _, output) =>
                {
                    set.Clear();
                    foreach (var l in args[0])
                    {
                        set.Add(lsig[l.Series]);
                        output.Add(l);
                    }
                    foreach (var r in args[1])
                    {
                        if (!set.Contains(rsig[r.Series])) output.Add(r);
                    }
                });
            }
            default:
                if (matching.Card == VectorMatchCardinality.OneToOne
                    && OneToOnePairs(b, lhs, rhs, lsigId, rsigId, signatures.Count, matching) is { } paired)
                {
                    return paired;
                }
                return VectorBinop(b, lhs, rhs, lsig, rsig, matching);
        }
    }

    private List<EvalSeries> VectorScalarBinop(BinaryExpr b, bool vectorOnLeft)
    {
        var mat = Eval(vectorOnLeft ? b.Lhs : b.Rhs);
        var sc = EvalScalarPerStep(vectorOnLeft ? b.Rhs : b.Lhs);
        bool comparison = IsComparison(b.Op);
        bool drop = !comparison || b.ReturnBool;
        foreach (var s in mat)
        {
            var pts = s.Points;
            int w = 0;
            for (int i = 0; i < pts.Count; i++)
            {
                var p = pts[i];
                double scalar = sc[(int)((p.T - start) / interval)];
                double lv = vectorOnLeft ? p.F : scalar, rv = vectorOnLeft ? scalar : p.F;
                var (v, keep) = ElemBinop(b.Op, lv, rv);
                if (comparison && !vectorOnLeft) v = rv;
                if (b.ReturnBool)
                {
                    v = keep ? 1 : 0;
                    keep = true;
                }
                if (keep) pts[w++] = new FPoint(p.T, v);
            }
            pts.RemoveRange(w, pts.Count - w);
            if (drop) s.DropName = true;
        }
        mat.RemoveAll(static s => s.Points.Count == 0);
        return mat;
    }

    private List<EvalSeries> VectorBinop(BinaryExpr b, List<EvalSeries> lhs, List<EvalSeries> rhs, Labels[] lsig, Labels[] rsig, VectorMatching matching)
    {
        bool oneToMany = matching.Card == VectorMatchCardinality.OneToMany;
        bool drop = !IsComparison(b.Op) || b.ReturnBool;
        var one = new Dictionary<Labels, EvalSample>();
        var matched = new Dictionary<Labels, HashSet<Labels>?>();
        var metricCache = new Dictionary<(int, int), Labels>();
        return RangeEval([lhs, rhs], (args, _, _, output) =>
        {
            // The "one" side is the right unless group_right; then the sides swap for matching.
            var many = oneToMany ? args[1] : args[0];
            var ones = oneToMany ? args[0] : args[1];
            var manySig = oneToMany ? rsig : lsig;
            var oneSig = oneToMany ? lsig : rsig;
            one.Clear();
            matched.Clear();
            foreach (var r in ones)
            {
                var sig = oneSig[r.Series];
                if (one.TryGetValue(sig, out var dupl))
                {
                    throw new QueryException(QueryErrorKind.Execution,
                        $"found duplicate series for the match group {MatchLabels(r.Metric, matching)} on the {(oneToMany ? "left" : "right")} hand-side of the operation: [{r.Metric}, {dupl.Metric}];many-to-many matching not allowed: matching labels must be unique on one side");
                }
                one[sig] = r;
            }
            foreach (var l in many)
            {
                var sig = manySig[l.Series];
                if (!one.TryGetValue(sig, out var r)) continue;
                if (!metricCache.TryGetValue((l.Series, r.Series), out var metric))
                {
                    metric = ResultMetric(l.Metric, r.Metric, matching);
                    metricCache[(l.Series, r.Series)] = metric;
                }
                bool exists = matched.TryGetValue(sig, out var inserted);
                if (matching.Card == VectorMatchCardinality.OneToOne)
                {
                    if (exists) throw new QueryException(QueryErrorKind.Execution, "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                    matched[sig] = null;
                }
                else
                {
                    if (!exists)
                    {
                        inserted = [];
                        matched[sig] = inserted;
                    }
                    if (!inserted!.Add(metric)) throw new QueryException(QueryErrorKind.Execution, "multiple matches for labels: grouping labels must ensure unique matches");
                }
                // Cardinality is checked before comparisons filter, so an error does not depend on the values.
                double fl = l.F, fr = r.F;
                if (oneToMany) (fl, fr) = (fr, fl);
                var (v, keep) = ElemBinop(b.Op, fl, fr);
                if (b.ReturnBool)
                {
                    v = keep ? 1 : 0;
                    keep = true;
                }
                if (!keep) continue;
                output.Add(new EvalSample(metric, v, drop || l.DropName));
            }
        });
    }

    private static Labels ResultMetric(Labels lhs, Labels rhs, VectorMatching matching)
    {
        var lb = lhs.ToBuilder();
        if (matching.Card == VectorMatchCardinality.OneToOne)
        {
            if (matching.On)
            {
                var keep = matching.MatchingLabels;
                lb.Keep(n => keep.Contains(n));
            }
            else
            {
                foreach (var n in matching.MatchingLabels) lb.Del(n);
            }
        }
        foreach (var n in matching.Include)
        {
            string v = rhs.Get(n);
            if (v.Length > 0) lb.Set(n, v); else lb.Del(n);
        }
        return lb.Build();
    }

    /// <summary>
    /// The signature (label set two series are matched on: the on() labels, or all but the ignoring() labels and __name__)
    /// of each series, as its number in <paramref name="signatures"/>.
    /// </summary>
    private static int[] SignatureIds(List<EvalSeries> mat, GroupingIndex signatures)
    {
        var ids = new int[mat.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = signatures.GroupOf(mat[i].Metric);
        return ids;
    }

    private static Labels[] SignatureLabels(int[] ids, GroupingIndex signatures)
    {
        var sigs = new Labels[ids.Length];
        for (int i = 0; i < sigs.Length; i++) sigs[i] = signatures.Groups[ids[i]];
        return sigs;
    }

    private static Labels MatchLabels(Labels metric, VectorMatching matching)
    {
        var names = matching.MatchingLabels;
        var lb = metric.ToBuilder();
        if (matching.On) lb.Keep(n => names.Contains(n));
        else lb.Keep(n => n != Labels.MetricName && !names.Contains(n));
        return lb.Build();
    }

    private static bool IsComparison(BinaryOp op) => op is BinaryOp.Eqlc or BinaryOp.Neq or BinaryOp.Gtr or BinaryOp.Lss or BinaryOp.Gte or BinaryOp.Lte;

    /// <summary>Prometheus's vectorElemBinop for floats: arithmetic gives (result, true), comparisons (lhs, holds).</summary>
    private static (double Value, bool Keep) ElemBinop(BinaryOp op, double l, double r) => op switch
    {
        BinaryOp.Add => (l + r, true),
        BinaryOp.Sub => (l - r, true),
        BinaryOp.Mul => (l * r, true),
        BinaryOp.Div => (l / r, true),
        BinaryOp.Pow => (Math.Pow(l, r), true),
        BinaryOp.Mod => (l % r, true),
        BinaryOp.Atan2 => (Math.Atan2(l, r), true),
        BinaryOp.Eqlc => (l, l == r),
        BinaryOp.Neq => (l, l != r),
        BinaryOp.Gtr => (l, l > r),
        BinaryOp.Lss => (l, l < r),
        BinaryOp.Gte => (l, l >= r),
        BinaryOp.Lte => (l, l <= r),
        _ => throw new QueryException(QueryErrorKind.Execution, $"operator {op} not allowed for float operations"),
    };
}
