using Argus.Model;

namespace Argus.Query.Engine;

/// <summary>
/// Joins series that ended up with the same label set (after __name__ removal or relabelling) when their points do not
/// overlap in time, as Prometheus's mergeSeriesWithSameLabelset; a shared timestamp is the
/// "vector cannot contain metrics with the same labelset" error. The first series' position is kept.
/// </summary>
internal static class SeriesMerger
{
    public static List<EvalSeries> Merge(List<EvalSeries> mat)
    {
        Dictionary<Labels, EvalSeries>? first = null;
        List<EvalSeries>? result = null;
        for (int i = 0; i < mat.Count; i++)
        {
            var s = mat[i];
            if (s.Points.Count == 0) continue;
            first ??= new Dictionary<Labels, EvalSeries>(mat.Count);
            if (!first.TryGetValue(s.Metric, out var into))
            {
                first[s.Metric] = s;
                result?.Add(s);
                continue;
            }
            if (result is null)
            {
                result = new List<EvalSeries>(mat.Count);
                for (int k = 0; k < i; k++) if (mat[k].Points.Count > 0) result.Add(mat[k]);
            }
            into.DropName |= s.DropName;
            into.Points.AddRange(s.Points);
            into.Points.Sort(static (a, b) => a.T.CompareTo(b.T));
            for (int k = 1; k < into.Points.Count; k++)
            {
                if (into.Points[k].T == into.Points[k - 1].T)
                {
                    throw new QueryException(QueryErrorKind.Execution, "vector cannot contain metrics with the same labelset");
                }
            }
        }
        if (result is not null) return result;
        if (first is null) return [];
        return first.Count == mat.Count ? mat : mat.FindAll(static s => s.Points.Count > 0);
    }
}
