using Argus.Model;

namespace Argus.Store;

/// <summary>
/// Collects one batch of samples (typically one scrape) that becomes visible and durable atomically on <see cref="Commit"/>.
/// An appender belongs to one thread; it must end with exactly one Commit or Rollback.
/// </summary>
public interface IAppender
{
    /// <summary>
    /// Adds a sample. Pass the ref returned by an earlier call for the same labels to skip the label lookup
    /// (the scrape cache does); pass <see cref="SeriesRef.None"/> otherwise. The returned ref is valid until the series is
    /// garbage-collected from the head, which only happens to series that received no sample for a whole head window.
    /// Samples that are rejected (out of order, duplicate, too old) return the outcome and are not part of the batch.
    /// <para><paramref name="labels"/> may be null when <paramref name="series"/> is a ref the store returned: callers that
    /// cache refs (the scrape cache) need not keep every label set in memory. If the store no longer knows that ref, the
    /// outcome is <see cref="AppendOutcome.UnknownSeries"/> and the caller retries with the labels.</para>
    /// </summary>
    AppendOutcome Append(ref SeriesRef series, Labels? labels, long t, double v);

    /// <summary>
    /// A hint, with no effect on results: the caller will append to <paramref name="series"/> (a ref the store returned) two
    /// samples from now, so the store may start fetching it from memory. The scrape loop knows the coming series from its
    /// cache; with a million series in the head, the lookup by ref is otherwise a chain of cache misses per sample.
    /// </summary>
    void Prefetch(SeriesRef series)
    {
    }

    /// <summary>Writes the batch to the WAL, then makes it visible to queries. Returns once the WAL write has completed.</summary>
    void Commit();

    /// <summary>Discards the batch. Series created by the batch may remain known but hold no samples from it.</summary>
    void Rollback();
}

/// <summary>Something samples can be appended to: the head, or a fake in tests.</summary>
public interface IAppendable
{
    IAppender Appender();
}
