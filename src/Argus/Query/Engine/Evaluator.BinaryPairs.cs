using Argus.Model;
using Argus.Query.Parser;

namespace Argus.Query.Engine;

internal sealed partial class Evaluator
{
    /// <summary>
    /// One-to-one vector matching when every signature occurs at most once on each side over the whole range: then no step
    /// can hit a cardinality error, so the series are paired once and each pair's points merged by timestamp, instead of
    /// matching step by step through dictionaries. The pairs come out in the order the step-by-step evaluation gives (by
    /// the step of their first output, then left-hand order). Returns null, leaving the query to the step-by-step path,
    /// when a signature repeats on a side or two pairs would have the same result labels.
    /// </summary>
    private List<EvalSeries>? OneToOnePairs(BinaryExpr b, List<EvalSeries> lhs, List<EvalSeries> rhs, int[] lsig, int[] rsig, int signatures, VectorMatching matching)
    {
        var rhsOf = new int[signatures];
        Array.Fill(rhsOf, -1);
        for (int r = 0; r < rhs.Count; r++)
        {
            if (rhsOf[rsig[r]] >= 0) return null;
            rhsOf[rsig[r]] = r;
        }
        var lhsSeen = new bool[signatures];
        for (int l = 0; l < lhs.Count; l++)
        {
            if (lhsSeen[lsig[l]]) return null;
            lhsSeen[lsig[l]] = true;
        }
        bool drop = !IsComparison(b.Op) || b.ReturnBool;
        var metrics = new HashSet<Labels>();
        var pairs = new List<(int FirstStep, int Order, EvalSeries Series)>();
        long outputs = 0;
        for (int l = 0; l < lhs.Count; l++)
        {
            int r = rhsOf[lsig[l]];
            if (r < 0) continue;
            ctx.CheckCanceled();
            var lp = lhs[l].Points;
            var rp = rhs[r].Points;
            List<FPoint>? pts = null;
            int j = 0;
            for (int i = 0; i < lp.Count; i++)
            {
                var p = lp[i];
                while (j < rp.Count && rp[j].T < p.T) j++;
                if (j >= rp.Count) break;
                if (rp[j].T != p.T) continue;
                var (v, keep) = ElemBinop(b.Op, p.F, rp[j].F);
                if (b.ReturnBool)
                {
                    v = keep ? 1 : 0;
                    keep = true;
                }
                if (keep) (pts ??= new List<FPoint>(Math.Min(lp.Count - i, rp.Count - j))).Add(new FPoint(p.T, v));
            }
            if (pts is null) continue;
            var metric = ResultMetric(lhs[l].Metric, rhs[r].Metric, matching);
            if (!metrics.Add(metric)) return null;
            pairs.Add(((int)((pts[0].T - start) / interval), l, new EvalSeries(metric, pts, drop || lhs[l].DropName)));
            outputs += pts.Count;
        }
        pairs.Sort(static (x, y) => x.FirstStep != y.FirstStep ? x.FirstStep.CompareTo(y.FirstStep) : x.Order.CompareTo(y.Order));
        ctx.AddSamples(outputs);
        long held = 0;
        foreach (var s in lhs) held += s.Points.Count;
        foreach (var s in rhs) held += s.Points.Count;
        ctx.ReleaseSamples(held);
        var result = new List<EvalSeries>(pairs.Count);
        foreach (var (_, _, series) in pairs) result.Add(series);
        return result;
    }
}
