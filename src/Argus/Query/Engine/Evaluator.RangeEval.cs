using Argus.Model;

namespace Argus.Query.Engine;

internal sealed partial class Evaluator
{
    /// <summary>Computes one step's output vector from the argument vectors at that step.</summary>
    private delegate void StepFunc(List<EvalSample>[] args, int step, long ts, List<EvalSample> output);

    /// <summary>
    /// Prometheus's rangeEval: for each step, gathers each argument's instant vector (series order kept, the Series field
    /// is the index in the argument), calls <paramref name="fn"/> and appends its output to series keyed by label set.
    /// The vectors and the output list are reused from step to step.
    /// </summary>
    private List<EvalSeries> RangeEval(List<EvalSeries>[] args, StepFunc fn)
    {
        int n = StepCount;
        var vectors = new List<EvalSample>[args.Length];
        var cursors = new int[args.Length][];
        for (int a = 0; a < args.Length; a++)
        {
            vectors[a] = [];
            cursors[a] = new int[args[a].Count];
        }
        var output = new List<EvalSample>();
        var collector = new SeriesCollector();
        for (int i = 0; i < n; i++)
        {
            if ((i & 0xff) == 0) ctx.CheckCanceled();
            long ts = StepTime(i);
            for (int a = 0; a < args.Length; a++)
            {
                var vec = vectors[a];
                vec.Clear();
                var mat = args[a];
                var cur = cursors[a];
                for (int s = 0; s < mat.Count; s++)
                {
                    var pts = mat[s].Points;
                    int c = cur[s];
                    if (c < pts.Count && pts[c].T == ts)
                    {
                        vec.Add(new EvalSample(mat[s].Metric, pts[c].F, mat[s].DropName, s));
                        cur[s] = c + 1;
                    }
                }
            }
            output.Clear();
            fn(vectors, i, ts, output);
            foreach (var sample in output) collector.Add(sample.Metric, sample.DropName, ts, sample.F);
            ctx.AddSamples(output.Count);
        }
        foreach (var mat in args)
        {
            long held = 0;
            foreach (var s in mat) held += s.Points.Count;
            ctx.ReleaseSamples(held);
        }
        return collector.Series;
    }
}
