using Argus.Model;
using Argus.Store;

namespace Argus.Tests.Collect.Scrape;

/// <summary>A store fake that records committed batches, to check exactly what a scrape appends.</summary>
internal sealed class RecordingAppendable : IAppendable
{
    private ulong _nextRef = 1;
    private readonly Dictionary<Labels, ulong> _refs = [];
    private readonly Dictionary<ulong, Labels> _byRef = [];

    public List<List<(Labels Labels, long T, double V)>> Batches { get; } = [];

    /// <summary>New series this refuses with <see cref="AppendOutcome.SeriesLimit"/>, as a head at --storage.tsdb.max-series does.</summary>
    public Func<Labels, bool>? RefuseNew { get; set; }

    public IAppender Appender() => new App(this);

    /// <summary>Forgets a series as head GC would: its old ref becomes unknown.</summary>
    public void Forget(Labels labels)
    {
        lock (this)
        {
            if (_refs.Remove(labels, out var r)) _byRef.Remove(r);
        }
    }

    public IEnumerable<(Labels Labels, long T, double V)> All => Batches.SelectMany(b => b);

    public double? Last(string series)
    {
        foreach (var b in Enumerable.Reverse(Batches))
        {
            foreach (var s in Enumerable.Reverse(b))
            {
                if (s.Labels.ToString() == series) return s.V;
            }
        }
        return null;
    }

    private sealed class App(RecordingAppendable owner) : IAppender
    {
        private readonly List<(Labels, long, double)> _pending = [];

        public AppendOutcome Append(ref SeriesRef series, Labels? labels, long t, double v)
        {
            if (labels is null)
            {
                lock (owner)
                {
                    if (!owner._byRef.TryGetValue(series.Value, out var known)) return AppendOutcome.UnknownSeries;
                    labels = known;
                }
            }
            if (series.IsNone)
            {
                lock (owner)
                {
                    if (!owner._refs.TryGetValue(labels, out var r))
                    {
                        if (owner.RefuseNew?.Invoke(labels) == true) return AppendOutcome.SeriesLimit;
                        owner._refs[labels] = r = owner._nextRef++;
                        owner._byRef[r] = labels;
                    }
                    series = new SeriesRef(r);
                }
            }
            _pending.Add((labels!, t, v));
            return AppendOutcome.Ok;
        }

        public void Commit()
        {
            lock (owner) owner.Batches.Add([.. _pending]);
        }

        public void Rollback() => _pending.Clear();
    }
}
