using Argus.Model;
using Argus.Store.Index;

namespace Argus.Store.Head;

/// <summary>
/// The head's series maps, striped as Prometheus's stripeSeries: stripe i holds the series whose ref has i in its low bits
/// (ref → series) and, separately, those whose label hash has i in its low bits (hash → series). Each stripe has one lock that
/// guards both its maps and the mutable state of the series in its ref map. No method holds two stripe locks at once.
/// Both maps are <see cref="SeriesTable"/>s: one 8-byte slot per series and map, no per-entry allocation.
/// </summary>
internal sealed class StripeSeries
{
    private readonly Stripe[] _stripes;
    private readonly int _mask;

    internal sealed class Stripe
    {
        public readonly Lock Lock = new();
        public readonly SeriesTable ByRef = new(byHash: false);
        public readonly SeriesTable ByHash = new(byHash: true);
    }

    public StripeSeries(int size)
    {
        _stripes = new Stripe[size];
        for (int i = 0; i < size; i++) _stripes[i] = new Stripe();
        _mask = size - 1;
    }

    public int StripeCount => _stripes.Length;

    public Stripe ForRef(ulong r) => _stripes[(int)(r & (ulong)_mask)];
    public Stripe ForHash(ulong hash) => _stripes[(int)(hash & (ulong)_mask)];
    public Stripe At(int i) => _stripes[i];

    public MemSeries? GetByRef(ulong r)
    {
        var s = ForRef(r);
        lock (s.Lock) return s.ByRef.GetByRef(r);
    }

    /// <summary>
    /// Removes exactly this series object from the hash map (a replacement with the same labels stays) and returns its pair
    /// ids as they are once it can no longer be indexed: null when it never was (head GC took it before it was findable).
    /// </summary>
    public int[]? RemoveByHash(MemSeries series)
    {
        var s = ForHash(series.Hash);
        lock (s.Lock)
        {
            s.ByHash.Remove(series);
            return series.Pairs;
        }
    }
}
