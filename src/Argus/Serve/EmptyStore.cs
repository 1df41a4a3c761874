using Argus.Model;
using Argus.Store;
using IQueryable = Argus.Store.IQueryable;

namespace Argus.Serve;

/// <summary>What queries see before the store has opened (during WAL replay): no series at all.</summary>
internal sealed class EmptyStore : IQueryable, IQuerier, ISeriesSet
{
    public static readonly EmptyStore Instance = new();

    public long Mint => 0;
    public long Maxt => 0;
    public IQuerier Querier(long mint, long maxt) => this;
    public ISeriesSet Select(bool sorted, params Matcher[] matchers) => this;
    public IReadOnlyList<string> LabelNames(params Matcher[] matchers) => [];
    public IReadOnlyList<string> LabelValues(string name, params Matcher[] matchers) => [];
    public bool Next() => false;
    public ISeries At => throw new InvalidOperationException("BUG: At called on an empty series set");
    public void Dispose() { }
}
