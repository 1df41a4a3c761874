using Argus.Model;

namespace Argus.Store;

/// <summary>
/// A querier handed out by <see cref="Db"/>: delegates to the merge of blocks and head it was built from and tells the Db
/// when it is disposed, so head truncation can wait for queriers that predate the block now holding the truncated data
/// (Prometheus's WaitForPendingReadersInTimeRange).
/// </summary>
internal sealed class DbQuerier(IQuerier inner, Db db, long generation) : IQuerier
{
    private int _disposed;

    public long Mint => inner.Mint;
    public long Maxt => inner.Maxt;
    public long Generation { get; } = generation;

    public ISeriesSet Select(bool sorted, params Matcher[] matchers) => inner.Select(sorted, matchers);
    public IReadOnlyList<string> LabelNames(params Matcher[] matchers) => inner.LabelNames(matchers);
    public IReadOnlyList<string> LabelValues(string name, params Matcher[] matchers) => inner.LabelValues(name, matchers);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        inner.Dispose();
        db.ReaderClosed(Generation);
    }
}
