using Argus.Model;

namespace Argus.Store;

/// <summary>
/// Reads series over a fixed time range [Mint, Maxt] (inclusive, ms). A querier sees a consistent snapshot of what was
/// committed when it was created plus, possibly, later commits; it never sees half a batch. Dispose it when done.
/// </summary>
public interface IQuerier : IDisposable
{
    long Mint { get; }
    long Maxt { get; }

    /// <summary>
    /// Series matching all matchers (at least one matcher must not match the empty string), with samples clipped to
    /// [Mint, Maxt]. When <paramref name="sorted"/> is true they come in <see cref="Labels.Compare"/> order.
    /// </summary>
    ISeriesSet Select(bool sorted, params Matcher[] matchers);

    /// <summary>Sorted distinct label names of series matching the matchers (all series when none are given).</summary>
    IReadOnlyList<string> LabelNames(params Matcher[] matchers);

    /// <summary>Sorted distinct values of <paramref name="name"/> among series matching the matchers.</summary>
    IReadOnlyList<string> LabelValues(string name, params Matcher[] matchers);
}

/// <summary>Factory of queriers: the head, a block, or the whole store merging both.</summary>
public interface IQueryable
{
    IQuerier Querier(long mint, long maxt);
}

/// <summary>A forward-only cursor over series. <see cref="At"/> is valid after <see cref="Next"/> returned true.</summary>
public interface ISeriesSet
{
    bool Next();
    ISeries At { get; }
}

public interface ISeries
{
    Labels Labels { get; }

    /// <summary>A sample iterator; pass a previous iterator to let the implementation reuse its buffers.</summary>
    ISampleIterator Iterator(ISampleIterator? reuse = null);
}

/// <summary>
/// Iterates samples in timestamp order without allocating per sample. Stale markers are returned as values
/// (check with <see cref="StaleNaN.IsStale"/>).
/// </summary>
public interface ISampleIterator
{
    /// <summary>Advances to the next sample; false at the end.</summary>
    bool Next();

    /// <summary>Advances to the first sample with timestamp ≥ t (does not move backwards if already there); false if none.</summary>
    bool Seek(long t);

    long T { get; }
    double V { get; }
}
