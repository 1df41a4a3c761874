using System.Runtime.ExceptionServices;

namespace Argus.Query.Engine;

/// <summary>
/// Order-preserving parallel map over a query's series, for the per-series work that dominates selections and range
/// functions (chunk decoding, window scans). Prometheus evaluates a query on one goroutine; Argus spreads the series of one
/// selector over the cores in batches, each batch with its own scratch state (iterator, buffers), and keeps the input order
/// so results are identical to a sequential run. Small inputs stay on the calling thread.
/// </summary>
internal static class SeriesParallel
{
    /// <summary>Below this many series the fork/join costs more than it saves.</summary>
    internal const int MinSeries = 256;
    private const int Batch = 64;

    /// <summary>
    /// <paramref name="map"/> applied to every item with a per-worker state from <paramref name="newState"/>; null results are
    /// dropped, the rest come back in input order. Exceptions (a query limit, cancellation) surface unwrapped.
    /// </summary>
    public static List<TOut> Map<TIn, TState, TOut>(IReadOnlyList<TIn> items, Func<TState> newState, Func<TIn, TState, TOut?> map, CancellationToken token)
        where TOut : class
    {
        var results = new TOut?[items.Count];
        if (items.Count < MinSeries || Environment.ProcessorCount == 1)
        {
            var state = newState();
            for (int i = 0; i < items.Count; i++)
            {
                token.ThrowIfCancellationRequested();
                results[i] = map(items[i], state);
            }
        }
        else
        {
            try
            {
                Parallel.For(0, (items.Count + Batch - 1) / Batch,
                    new ParallelOptions { CancellationToken = token, MaxDegreeOfParallelism = Environment.ProcessorCount },
                    newState,
                    (b, loop, state) =>
                    {
                        int end = Math.Min(items.Count, (b + 1) * Batch);
                        for (int i = b * Batch; i < end && !loop.ShouldExitCurrentIteration; i++) results[i] = map(items[i], state);
                        return state;
                    },
                    _ => { });
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                throw; // unreachable
            }
        }
        var list = new List<TOut>(items.Count);
        foreach (var r in results)
        {
            if (r is not null) list.Add(r);
        }
        return list;
    }
}
