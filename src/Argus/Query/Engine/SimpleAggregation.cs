using System.Runtime.CompilerServices;
using Argus.Model;
using Argus.Query.Parser;

namespace Argus.Query.Engine;

/// <summary>
/// sum, avg, count, min, max, group, stddev and stdvar by group and step: one accumulator per (group, step), fed series by
/// series. Each accumulator sees its values in series order, as Prometheus's step-by-step aggregation does, so the Kahan
/// sums and incremental means come out bit for bit the same. No allocation per sample.
/// </summary>
/// <remarks>
/// The accumulators take (groups × steps) cells, at most <paramref name="maxCells"/> (<see cref="EngineOptions.MaxAggregationCells"/>;
/// a cell is 29 bytes for avg: value, compensation, mean, count, flag; 20 for sum): past that <see cref="Add"/> throws
/// <see cref="TooManyCellsException"/> and the caller evaluates the aggregation step by step instead, whose memory follows
/// the input's points.
/// </remarks>
internal sealed class SimpleAggregation(AggregationOp op, GroupingIndex groups, long start, long interval, int steps, long maxCells) : ISeriesSink
{

    private readonly bool _needsComp = op is AggregationOp.Sum or AggregationOp.Avg;
    private readonly bool _needsMean = op is AggregationOp.Avg or AggregationOp.Stddev or AggregationOp.Stdvar;
    private readonly bool _needsValue = op is not (AggregationOp.Count or AggregationOp.Group);
    private double[] _value = [];
    private double[] _comp = [];
    private double[] _mean = [];
    private int[] _count = [];
    private bool[] _incremental = [];
    private bool[] _dropName = [];
    private int _capacityGroups;

    /// <summary>Points received so far (the samples the input held, for the query's sample accounting).</summary>
    public long InputPoints { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(Labels metric, bool dropName, ReadOnlySpan<FPoint> points)
    {
        if (points.IsEmpty) return;
        int g = groups.GroupOf(metric);
        if (g >= _capacityGroups) Grow(g + 1);
        _dropName[g] |= dropName;
        InputPoints += points.Length;
        int row = g * steps;
        foreach (var p in points) Accumulate(row + (int)((p.T - start) / interval), p.F);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Accumulate(int at, double f)
    {
        if (_count[at] == 0)
        {
            _count[at] = 1;
            // The arrays start zeroed and every cell is initialised once, so only the non-zero starting values are written.
            if (_needsValue) _value[at] = op is AggregationOp.Stddev or AggregationOp.Stdvar ? (double.IsNaN(f) || double.IsInfinity(f) ? double.NaN : 0) : f;
            if (_needsMean) _mean[at] = f;
            return;
        }
        double count = ++_count[at];
        switch (op)
        {
            case AggregationOp.Sum:
                KahanSum.Inc(f, ref _value[at], ref _comp[at]);
                break;
            case AggregationOp.Avg:
                Evaluator.AvgInc(f, count, ref _value[at], ref _comp[at], ref _mean[at], ref _incremental[at]);
                break;
            case AggregationOp.Max:
                if (_value[at] < f || double.IsNaN(_value[at])) _value[at] = f;
                break;
            case AggregationOp.Min:
                if (_value[at] > f || double.IsNaN(_value[at])) _value[at] = f;
                break;
            case AggregationOp.Stddev:
            case AggregationOp.Stdvar:
                double delta = f - _mean[at];
                _mean[at] += delta / count;
                _value[at] += delta * (f - _mean[at]);
                break;
        }
    }

    private void Grow(int need)
    {
        if ((long)need * steps > maxCells) throw new TooManyCellsException();
        int cap = (int)Math.Min(Math.Max(need, Math.Max(8, _capacityGroups * 2)), maxCells / steps);
        int cells = cap * steps;
        Array.Resize(ref _count, cells);
        if (_needsValue) Array.Resize(ref _value, cells);
        if (_needsComp) Array.Resize(ref _comp, cells);
        if (_needsMean) Array.Resize(ref _mean, cells);
        if (op == AggregationOp.Avg) Array.Resize(ref _incremental, cells);
        Array.Resize(ref _dropName, cap);
        _capacityGroups = cap;
    }

    /// <summary>One series per group that has a value at some step, in order of the groups' first appearance.</summary>
    public List<EvalSeries> Result()
    {
        var result = new List<EvalSeries>(groups.Count);
        for (int g = 0; g < groups.Count; g++)
        {
            List<FPoint>? pts = null;
            int row = g * steps;
            for (int i = 0; i < steps; i++)
            {
                int at = row + i;
                double n = _count[at];
                if (n == 0) continue;
                double v = op switch
                {
                    AggregationOp.Sum => _value[at] + _comp[at],
                    AggregationOp.Avg => _incremental[at] ? _mean[at] + _comp[at] : _value[at] / n + _comp[at] / n,
                    AggregationOp.Count => n,
                    AggregationOp.Group => 1,
                    AggregationOp.Stdvar => _value[at] / n,
                    AggregationOp.Stddev => Math.Sqrt(_value[at] / n),
                    _ => _value[at],
                };
                (pts ??= new List<FPoint>(steps - i)).Add(new FPoint(start + i * interval, v));
            }
            if (pts is null) continue;
            var key = groups.Groups[g];
            // Only a grouping that keeps __name__ can carry a name still to be dropped (delayed name removal).
            result.Add(new EvalSeries(key, pts, _dropName[g] && key.Has(Labels.MetricName)));
        }
        return result;
    }
}
