using System.Globalization;
using Argus.Model;
using Argus.Query.Parser;

namespace Argus.Query.Engine;

internal sealed partial class Evaluator
{
    /// <summary>
    /// Groups classic-histogram bucket series (same labels but le and __name__) once per query, then runs
    /// <paramref name="compute"/> per group and step over (upper bound, count) pairs in a reused buffer.
    /// </summary>
    private List<EvalSeries> BucketFunction(Expr vectorArg, string function, Func<List<(double Le, double Count)>, int, string, double> compute)
    {
        var mat = Eval(vectorArg);
        var groupIndex = new Dictionary<Labels, int>();
        var groups = new List<Labels>();
        var groupNames = new List<string>();
        var groupOf = new int[mat.Count];
        var upper = new double[mat.Count];
        for (int s = 0; s < mat.Count; s++)
        {
            var metric = mat[s].Metric;
            string le = metric.Get("le");
            if (le.Length == 0 || !TryParseGoFloat(le, out upper[s]))
            {
                groupOf[s] = -1;
                ctx.Warn($"bucket label \"le\" is missing or has a malformed value of \"{le}\" for metric name \"{metric.MetricNameValue}\"");
                continue;
            }
            var key = metric.ToBuilder().Del("le").Del(Labels.MetricName).Build();
            if (!groupIndex.TryGetValue(key, out int g))
            {
                g = groups.Count;
                groupIndex[key] = g;
                groups.Add(key);
                groupNames.Add(metric.MetricNameValue);
            }
            groupOf[s] = g;
        }
        var buckets = new List<(double, double)>[groups.Count];
        for (int g = 0; g < groups.Count; g++) buckets[g] = [];
        var cursor = new int[mat.Count];
        var collector = new SeriesCollector();
        for (int i = 0; i < StepCount; i++)
        {
            long ts = StepTime(i);
            foreach (var b in buckets) b.Clear();
            for (int s = 0; s < mat.Count; s++)
            {
                var pts = mat[s].Points;
                int c = cursor[s];
                if (c >= pts.Count || pts[c].T != ts) continue;
                cursor[s] = c + 1;
                if (groupOf[s] >= 0) buckets[groupOf[s]].Add((upper[s], pts[c].F));
            }
            for (int g = 0; g < groups.Count; g++)
            {
                if (buckets[g].Count == 0) continue;
                collector.Add(groups[g], false, ts, compute(buckets[g], i, groupNames[g]));
            }
        }
        _ = function;
        return collector.Series;
    }

    private List<EvalSeries> HistogramQuantile(Call c)
    {
        var q = EvalScalarPerStep(c.Args[0]);
        bool warned = false;
        return BucketFunction(c.Args[1], "histogram_quantile", (buckets, step, name) =>
        {
            double qv = q[step];
            if (!warned && (qv < 0 || qv > 1 || double.IsNaN(qv)))
            {
                warned = true;
                ctx.Warn($"quantile value should be between 0 and 1, got {FormatFloat(qv)}");
            }
            double v = BucketQuantile(qv, buckets, out bool forcedMonotonic);
            if (forcedMonotonic)
            {
                ctx.Info($"input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name \"{name}\"");
            }
            return v;
        });
    }

    private List<EvalSeries> HistogramFraction(Call c)
    {
        var lower = EvalScalarPerStep(c.Args[0]);
        var upper = EvalScalarPerStep(c.Args[1]);
        return BucketFunction(c.Args[2], "histogram_fraction", (buckets, step, _) => BucketFraction(lower[step], upper[step], buckets));
    }

    /// <summary>Prometheus's BucketQuantile (promql/quantile.go) for classic buckets.</summary>
    private static double BucketQuantile(double q, List<(double Le, double Count)> buckets, out bool forcedMonotonic)
    {
        forcedMonotonic = false;
        if (double.IsNaN(q)) return double.NaN;
        if (q < 0) return double.NegativeInfinity;
        if (q > 1) return double.PositiveInfinity;
        Coalesce(buckets);
        if (!double.IsPositiveInfinity(buckets[^1].Le)) return double.NaN;
        forcedMonotonic = EnsureMonotonic(buckets);
        if (buckets.Count < 2) return double.NaN;
        double observations = buckets[^1].Count;
        if (observations == 0) return double.NaN;
        double rank = q * observations;
        int b = 0;
        while (b < buckets.Count - 1 && !(buckets[b].Count >= rank)) b++;
        if (b == buckets.Count - 1) return buckets[^2].Le;
        if (b == 0 && buckets[0].Le <= 0) return buckets[0].Le;
        double bucketStart = 0, bucketEnd = buckets[b].Le, count = buckets[b].Count;
        if (b > 0)
        {
            bucketStart = buckets[b - 1].Le;
            count -= buckets[b - 1].Count;
            rank -= buckets[b - 1].Count;
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    /// <summary>Prometheus's BucketFraction for classic buckets: the estimated share of observations in [lower, upper].</summary>
    private static double BucketFraction(double lower, double upper, List<(double Le, double Count)> buckets)
    {
        Coalesce(buckets);
        if (buckets.Count < 2 || !double.IsPositiveInfinity(buckets[^1].Le)) return double.NaN;
        EnsureMonotonic(buckets);
        double count = buckets[^1].Count;
        if (count == 0 || double.IsNaN(lower) || double.IsNaN(upper)) return double.NaN;
        if (lower >= upper) return 0;
        double rank = 0, lowerRank = 0, upperRank = 0;
        bool lowerSet = false, upperSet = false;
        for (int i = 0; i < buckets.Count; i++)
        {
            double lowerBound = i > 0 ? buckets[i - 1].Le : double.NegativeInfinity;
            double upperBound = buckets[i].Le;
            if (i == 0 && upperBound > 0) lowerBound = 0;
            double bucketCount = buckets[i].Count;
            if (!lowerSet && lowerBound >= lower)
            {
                lowerRank = rank;
                lowerSet = true;
            }
            if (!upperSet && lowerBound >= upper)
            {
                upperRank = rank;
                upperSet = true;
            }
            if (lowerSet && upperSet) break;
            if (!lowerSet && lowerBound < lower && upperBound > lower)
            {
                lowerRank = double.IsNegativeInfinity(lowerBound) ? bucketCount : rank + (bucketCount - rank) * (lower - lowerBound) / (upperBound - lowerBound);
                lowerSet = true;
            }
            if (!upperSet && lowerBound < upper && upperBound > upper)
            {
                upperRank = double.IsNegativeInfinity(lowerBound) ? bucketCount : rank + (bucketCount - rank) * (upper - lowerBound) / (upperBound - lowerBound);
                upperSet = true;
            }
            if (lowerSet && upperSet) break;
            rank = bucketCount;
        }
        if (!lowerSet || lowerRank > count) lowerRank = count;
        if (!upperSet || upperRank > count) upperRank = count;
        return (upperRank - lowerRank) / count;
    }

    /// <summary>
    /// ensureMonotonicAndIgnoreSmallDeltas (tolerance 1e-12): counts that differ from the previous by a rounding error are
    /// set equal silently; decreases are removed and reported (true).
    /// </summary>
    private static bool EnsureMonotonic(List<(double Le, double Count)> buckets)
    {
        bool forced = false;
        double prev = buckets[0].Count;
        for (int i = 1; i < buckets.Count; i++)
        {
            double curr = buckets[i].Count;
            if (curr == prev) continue;
            if (AlmostEqual(prev, curr, 1e-12) || curr < prev)
            {
                forced |= curr < prev && !AlmostEqual(prev, curr, 1e-12);
                buckets[i] = (buckets[i].Le, prev);
                continue;
            }
            prev = curr;
        }
        return forced;
    }

    /// <summary>Sorts by upper bound and merges buckets with the same bound (summing counts).</summary>
    private static void Coalesce(List<(double Le, double Count)> buckets)
    {
        buckets.Sort(static (a, b) => a.Le.CompareTo(b.Le));
        int w = 0;
        for (int i = 0; i < buckets.Count; i++)
        {
            if (w > 0 && buckets[w - 1].Le == buckets[i].Le) buckets[w - 1] = (buckets[w - 1].Le, buckets[w - 1].Count + buckets[i].Count);
            else buckets[w++] = buckets[i];
        }
        buckets.RemoveRange(w, buckets.Count - w);
    }

    private static bool AlmostEqual(double a, double b, double epsilon)
    {
        if (a == b) return true;
        double absSum = Math.Abs(a) + Math.Abs(b);
        double diff = Math.Abs(a - b);
        const double minNormal = 2.2250738585072014e-308;
        if (a == 0 || b == 0 || absSum < minNormal) return diff < epsilon * minNormal;
        return diff / Math.Min(absSum, double.MaxValue) < epsilon;
    }

    private static bool TryParseGoFloat(string s, out double v)
    {
        string t = s.Trim();
        if (t.Equals("+Inf", StringComparison.OrdinalIgnoreCase) || t.Equals("Inf", StringComparison.OrdinalIgnoreCase)) { v = double.PositiveInfinity; return true; }
        if (t.Equals("-Inf", StringComparison.OrdinalIgnoreCase)) { v = double.NegativeInfinity; return true; }
        if (t.Equals("NaN", StringComparison.OrdinalIgnoreCase)) { v = double.NaN; return true; }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v);
    }
}
