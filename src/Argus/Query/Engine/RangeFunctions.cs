using System.Globalization;

namespace Argus.Query.Engine;

/// <summary>The math of the range-vector functions, over a window of float samples, as promql/functions.go computes it.</summary>
internal static class RangeFunctions
{
    public static RangeFunction ForName(string name) => name switch
    {
        "rate" => RangeFunction.Rate,
        "increase" => RangeFunction.Increase,
        "delta" => RangeFunction.Delta,
        "irate" => RangeFunction.Irate,
        "idelta" => RangeFunction.Idelta,
        "deriv" => RangeFunction.Deriv,
        "predict_linear" => RangeFunction.PredictLinear,
        "changes" => RangeFunction.Changes,
        "resets" => RangeFunction.Resets,
        "avg_over_time" => RangeFunction.AvgOverTime,
        "sum_over_time" => RangeFunction.SumOverTime,
        "min_over_time" => RangeFunction.MinOverTime,
        "max_over_time" => RangeFunction.MaxOverTime,
        "count_over_time" => RangeFunction.CountOverTime,
        "stddev_over_time" => RangeFunction.StddevOverTime,
        "stdvar_over_time" => RangeFunction.StdvarOverTime,
        "last_over_time" => RangeFunction.LastOverTime,
        "first_over_time" => RangeFunction.FirstOverTime,
        "present_over_time" => RangeFunction.PresentOverTime,
        "quantile_over_time" => RangeFunction.QuantileOverTime,
        "mad_over_time" => RangeFunction.MadOverTime,
        "ts_of_first_over_time" => RangeFunction.TsOfFirstOverTime,
        "ts_of_last_over_time" => RangeFunction.TsOfLastOverTime,
        "ts_of_max_over_time" => RangeFunction.TsOfMaxOverTime,
        "ts_of_min_over_time" => RangeFunction.TsOfMinOverTime,
        "double_exponential_smoothing" or "holt_winters" => RangeFunction.DoubleExponentialSmoothing,
        _ => throw new QueryException(QueryErrorKind.Execution, $"function \"{name}\" is not supported by the Argus engine"),
    };

    /// <summary>Computes <paramref name="fn"/> over a non-empty window; false when the function yields no value for it.</summary>
    public static bool Compute(RangeFunction fn, ReadOnlySpan<FPoint> w, in RangeArgs a, List<double> scratch, out double v)
    {
        v = 0;
        switch (fn)
        {
            case RangeFunction.Rate: return ExtrapolatedRate(w, a, isCounter: true, isRate: true, out v);
            case RangeFunction.Increase: return ExtrapolatedRate(w, a, isCounter: true, isRate: false, out v);
            case RangeFunction.Delta: return ExtrapolatedRate(w, a, isCounter: false, isRate: false, out v);
            case RangeFunction.Irate:
            case RangeFunction.Idelta:
            {
                if (w.Length < 2) return false;
                var last = w[^1];
                var prev = w[^2];
                if (fn == RangeFunction.Idelta)
                {
                    v = last.F - prev.F;
                    return true;
                }
                v = last.F < prev.F ? last.F : last.F - prev.F;
                long dt = last.T - prev.T;
                if (dt == 0) return false;
                v /= dt / 1000.0;
                return true;
            }
            case RangeFunction.Deriv:
            {
                if (w.Length < 2) return false;
                (v, _) = LinearRegression(w, w[0].T);
                return true;
            }
            case RangeFunction.PredictLinear:
            {
                if (w.Length < 2) return false;
                // The intercept is at the evaluation time, even under @ (enh.Ts in Prometheus).
                var (slope, intercept) = LinearRegression(w, a.Ts);
                v = slope * a.Arg1 + intercept;
                return true;
            }
            case RangeFunction.Changes:
            case RangeFunction.Resets:
            {
                int count = 0;
                double prev = w[0].F;
                for (int i = 1; i < w.Length; i++)
                {
                    double cur = w[i].F;
                    if (fn == RangeFunction.Changes ? cur != prev && !(double.IsNaN(cur) && double.IsNaN(prev)) : cur < prev) count++;
                    prev = cur;
                }
                v = count;
                return true;
            }
            case RangeFunction.SumOverTime:
            {
                double sum = 0, c = 0;
                foreach (var p in w) KahanSum.Inc(p.F, ref sum, ref c);
                v = sum + c;
                return true;
            }
            case RangeFunction.AvgOverTime:
            {
                double sum = 0, c = 0, mean = 0;
                bool incremental = false;
                sum = w[0].F;
                for (int i = 1; i < w.Length; i++) Evaluator.AvgInc(w[i].F, i + 1, ref sum, ref c, ref mean, ref incremental);
                v = incremental ? mean + c : sum / w.Length + c / w.Length;
                return true;
            }
            case RangeFunction.MinOverTime:
            case RangeFunction.MaxOverTime:
            {
                double m = w[0].F;
                bool max = fn == RangeFunction.MaxOverTime;
                for (int i = 1; i < w.Length; i++)
                {
                    double f = w[i].F;
                    if ((max ? f > m : f < m) || double.IsNaN(m)) m = f;
                }
                v = m;
                return true;
            }
            case RangeFunction.CountOverTime: v = w.Length; return true;
            case RangeFunction.PresentOverTime: v = 1; return true;
            case RangeFunction.LastOverTime: v = w[^1].F; return true;
            case RangeFunction.FirstOverTime: v = w[0].F; return true;
            case RangeFunction.TsOfLastOverTime: v = w[^1].T / 1000.0; return true;
            case RangeFunction.TsOfFirstOverTime: v = w[0].T / 1000.0; return true;
            case RangeFunction.TsOfMaxOverTime:
            case RangeFunction.TsOfMinOverTime:
            {
                bool max = fn == RangeFunction.TsOfMaxOverTime;
                var best = w[0];
                for (int i = 1; i < w.Length; i++)
                {
                    double f = w[i].F;
                    if ((max ? f >= best.F : f <= best.F) || double.IsNaN(best.F)) best = w[i];
                }
                v = best.T / 1000.0;
                return true;
            }
            case RangeFunction.StddevOverTime:
            case RangeFunction.StdvarOverTime:
            {
                double count = 0, mean = 0, cMean = 0, aux = 0, cAux = 0;
                foreach (var p in w)
                {
                    count++;
                    double delta = p.F - (mean + cMean);
                    KahanSum.Inc(delta / count, ref mean, ref cMean);
                    KahanSum.Inc(delta * (p.F - (mean + cMean)), ref aux, ref cAux);
                }
                double variance = (aux + cAux) / count;
                v = fn == RangeFunction.StdvarOverTime ? variance : Math.Sqrt(variance);
                return true;
            }
            case RangeFunction.QuantileOverTime:
            {
                scratch.Clear();
                foreach (var p in w) scratch.Add(p.F);
                v = Quantile(a.Arg0, scratch);
                return true;
            }
            case RangeFunction.MadOverTime:
            {
                scratch.Clear();
                foreach (var p in w)
                {
                    if (double.IsNaN(p.F)) { v = double.NaN; return true; }
                    scratch.Add(p.F);
                }
                double median = Quantile(0.5, scratch);
                for (int i = 0; i < scratch.Count; i++) scratch[i] = Math.Abs(scratch[i] - median);
                v = Quantile(0.5, scratch);
                return true;
            }
            case RangeFunction.DoubleExponentialSmoothing:
                return DoubleExponentialSmoothing(w, a.Arg1, a.Arg2, out v);
        }
        return false;
    }

    /// <summary>
    /// rate, increase and delta: the change over the window, corrected for counter resets, extrapolated to the window's
    /// edges unless the first/last sample is further than 1.1 average intervals from them (then half an interval), and not
    /// below zero for counters (extrapolatedRate in promql/functions.go).
    /// </summary>
    private static bool ExtrapolatedRate(ReadOnlySpan<FPoint> w, in RangeArgs a, bool isCounter, bool isRate, out double v)
    {
        v = 0;
        if (w.Length < 2) return false;
        var first = w[0];
        var last = w[^1];
        double result = last.F - first.F;
        if (isCounter)
        {
            double prev = first.F;
            for (int i = 1; i < w.Length; i++)
            {
                double cur = w[i].F;
                if (cur < prev) result += prev;
                prev = cur;
            }
        }
        double sampledInterval = (last.T - first.T) / 1000.0;
        double averageDurationBetweenSamples = sampledInterval / (w.Length - 1);
        double durationToStart = (first.T - a.From) / 1000.0;
        double durationToEnd = (a.To - last.T) / 1000.0;
        double extrapolationThreshold = averageDurationBetweenSamples * 1.1;
        if (durationToStart >= extrapolationThreshold) durationToStart = averageDurationBetweenSamples / 2;
        if (isCounter && result > 0 && first.F >= 0)
        {
            double durationToZero = sampledInterval * (first.F / result);
            if (durationToZero < durationToStart) durationToStart = durationToZero;
        }
        if (durationToEnd >= extrapolationThreshold) durationToEnd = averageDurationBetweenSamples / 2;
        double factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
        if (isRate) factor /= a.RangeMs / 1000.0;
        v = result * factor;
        return true;
    }

    /// <summary>Least-squares fit with Kahan sums, x in seconds relative to <paramref name="interceptTime"/>.</summary>
    private static (double Slope, double Intercept) LinearRegression(ReadOnlySpan<FPoint> w, long interceptTime)
    {
        double n = 0, sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
        double initY = w[0].F;
        bool constY = true;
        for (int i = 0; i < w.Length; i++)
        {
            var p = w[i];
            if (constY && i > 0 && p.F != initY) constY = false;
            n += 1;
            double x = (p.T - interceptTime) / 1e3;
            KahanSum.Inc(x, ref sumX, ref cX);
            KahanSum.Inc(p.F, ref sumY, ref cY);
            KahanSum.Inc(x * p.F, ref sumXY, ref cXY);
            KahanSum.Inc(x * x, ref sumX2, ref cX2);
        }
        if (constY)
        {
            if (double.IsInfinity(initY)) return (double.NaN, double.NaN);
            return (0, initY);
        }
        sumX += cX;
        sumY += cY;
        sumXY += cXY;
        sumX2 += cX2;
        double covXY = sumXY - sumX * sumY / n;
        double varX = sumX2 - sumX * sumX / n;
        double slope = covXY / varX;
        double intercept = sumY / n - slope * sumX / n;
        return (slope, intercept);
    }

    private static bool DoubleExponentialSmoothing(ReadOnlySpan<FPoint> w, double sf, double tf, out double v)
    {
        v = 0;
        if (sf <= 0 || sf >= 1) throw new QueryException(QueryErrorKind.Execution, $"invalid smoothing factor. Expected: 0 < sf < 1, got: {sf.ToString("F6", CultureInfo.InvariantCulture)}");
        if (tf <= 0 || tf >= 1) throw new QueryException(QueryErrorKind.Execution, $"invalid trend factor. Expected: 0 < tf < 1, got: {tf.ToString("F6", CultureInfo.InvariantCulture)}");
        if (w.Length < 2) return false;
        double s0 = 0, s1 = w[0].F, b = w[1].F - w[0].F;
        for (int i = 1; i < w.Length; i++)
        {
            double x = sf * w[i].F;
            b = i - 1 == 0 ? b : tf * (s1 - s0) + (1 - tf) * b;
            double y = (1 - sf) * (s1 + b);
            s0 = s1;
            s1 = x + y;
        }
        v = s1;
        return true;
    }

    /// <summary>Prometheus's quantile(): linear interpolation between the closest ranks; sorts <paramref name="values"/> in place.</summary>
    public static double Quantile(double q, List<double> values)
    {
        if (values.Count == 0 || double.IsNaN(q)) return double.NaN;
        if (q < 0) return double.NegativeInfinity;
        if (q > 1) return double.PositiveInfinity;
        values.Sort(static (x, y) => double.IsNaN(x) ? (double.IsNaN(y) ? 0 : -1) : double.IsNaN(y) ? 1 : x.CompareTo(y));
        double n = values.Count;
        double rank = q * (n - 1);
        double lowerIndex = Math.Max(0, Math.Floor(rank));
        double upperIndex = Math.Min(n - 1, lowerIndex + 1);
        double weight = rank - Math.Floor(rank);
        return values[(int)lowerIndex] * (1 - weight) + values[(int)upperIndex] * weight;
    }
}
