using Argus.Store;
using IQueryable = Argus.Store.IQueryable;

namespace Argus.Query.Engine;

/// <summary>State shared by every evaluator of one query: the store, limits, cancellation, annotations and the sample budget.</summary>
internal sealed class QueryContext(IQueryable store, EngineOptions options, long startMs, long endMs, long stepMs, CancellationToken token)
{
    private readonly HashSet<string> _warnings = [];
    private readonly HashSet<string> _infos = [];
    private readonly List<string> _warningOrder = [];
    private readonly List<string> _infoOrder = [];
    private long _currentSamples;

    public IQueryable Store => store;
    public EngineOptions Options => options;
    public long LookbackMs { get; } = (long)options.LookbackDelta.TotalMilliseconds;
    public long DefaultStepMs { get; } = (long)options.DefaultSubqueryStep.TotalMilliseconds;

    /// <summary>Start and end of the whole query: what <c>@ start()</c> and <c>@ end()</c> resolve to.</summary>
    public long StartMs => startMs;
    public long EndMs => endMs;

    /// <summary>The range query's step (what step() returns); 0 for instant queries.</summary>
    public long StepMs => stepMs;

    public CancellationToken Token => token;

    public IReadOnlyList<string> Warnings => _warningOrder;
    public IReadOnlyList<string> Infos => _infoOrder;

    public void Warn(string text)
    {
        if (_warnings.Add(text)) _warningOrder.Add("PromQL warning: " + text);
    }

    public void Info(string text)
    {
        if (_infos.Add(text)) _infoOrder.Add("PromQL info: " + text);
    }

    /// <summary>Accounts for samples now held in memory; throws TooManySamples beyond the limit, as Prometheus's currentSamples check.</summary>
    public void AddSamples(long n)
    {
        _currentSamples += n;
        if (_currentSamples > options.MaxSamples) throw new QueryException(QueryErrorKind.TooManySamples, QueryException.TooManySamplesMessage);
    }

    public void ReleaseSamples(long n) => _currentSamples = Math.Max(0, _currentSamples - n);

    /// <summary>The samples currently accounted for; with <see cref="RestoreSamples"/>, lets an abandoned evaluation undo its accounting.</summary>
    public long CurrentSamples => _currentSamples;

    public void RestoreSamples(long n) => _currentSamples = n;

    public void CheckCanceled() => token.ThrowIfCancellationRequested();
}
