using Argus.Model;

namespace Argus.Store.Blocks;

/// <summary>
/// Queries several queriers (blocks and the head) as one: series with equal labels are merged, and samples with equal
/// timestamps are returned once (the first querier's value wins), as Prometheus's merge querier with the chained-series
/// merge does. Children are always asked for sorted series. Owns and disposes the children.
/// </summary>
public sealed class MergeQuerier : IQuerier
{
    private readonly IQuerier[] _queriers;

    public MergeQuerier(IReadOnlyList<IQuerier> queriers, long mint, long maxt)
    {
        _queriers = [.. queriers];
        Mint = mint;
        Maxt = maxt;
    }

    public long Mint { get; }
    public long Maxt { get; }

    public ISeriesSet Select(bool sorted, params Matcher[] matchers)
    {
        if (_queriers.Length == 1) return _queriers[0].Select(sorted, matchers);
        var sets = new ISeriesSet[_queriers.Length];
        for (int i = 0; i < sets.Length; i++) sets[i] = _queriers[i].Select(sorted: true, matchers);
        return new MergeSeriesSet(sets);
    }

    public IReadOnlyList<string> LabelNames(params Matcher[] matchers) => Union(q => q.LabelNames(matchers));

    public IReadOnlyList<string> LabelValues(string name, params Matcher[] matchers) => Union(q => q.LabelValues(name, matchers));

    private IReadOnlyList<string> Union(Func<IQuerier, IReadOnlyList<string>> get)
    {
        if (_queriers.Length == 1) return get(_queriers[0]);
        var all = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var q in _queriers) all.UnionWith(get(q));
        return [.. all];
    }

    public void Dispose()
    {
        foreach (var q in _queriers) q.Dispose();
    }
}
