using Argus.Model;
using Argus.Store;

namespace Argus.Bench.Ingest;

/// <summary>
/// A store that keeps nothing: hands out refs and counts samples, so a run with <c>--store null</c> measures the scrape side
/// alone (fetch, parse, scrape cache, staleness). One appender is reused, as nothing in it outlives a commit.
/// </summary>
public sealed class NullAppendable : IAppendable, IAppender
{
    private ulong _lastRef;
    private long _pending;

    public long Appended { get; private set; }

    public IAppender Appender() => this;

    public AppendOutcome Append(ref SeriesRef series, Labels? labels, long t, double v)
    {
        if (series.IsNone) series = new SeriesRef(++_lastRef);
        _pending++;
        return AppendOutcome.Ok;
    }

    public void Commit()
    {
        Appended += _pending;
        _pending = 0;
    }

    public void Rollback() => _pending = 0;
}
