using Argus.Model;

namespace Argus.Store.Head;

/// <summary>
/// The head's series maps, striped as Prometheus's stripeSeries: stripe i holds the series whose ref has i in its low bits
/// (ref → series) and, separately, those whose label hash has i in its low bits (hash → series). Each stripe has one lock that
/// guards both its maps and the mutable state of the series in its ref map. No method holds two stripe locks at once.
/// </summary>
internal sealed class StripeSeries
{
    private readonly Stripe[] _stripes;
    private readonly int _mask;

    internal sealed class Stripe
    {
        public readonly Lock Lock = new();
        public readonly Dictionary<ulong, MemSeries> ByRef = [];
        public readonly Dictionary<ulong, MemSeries> ByHash = [];
        /// <summary>Series whose label hash collides with the one in ByHash (xxHash64 makes this rare); created on first use.</summary>
        public Dictionary<ulong, List<MemSeries>>? Conflicts;
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
        lock (s.Lock) return s.ByRef.GetValueOrDefault(r);
    }

    /// <summary>The live series with these labels, or null. Call with the hash stripe's lock held.</summary>
    public static MemSeries? FindByHash(Stripe s, Labels labels)
    {
        ulong h = labels.Hash;
        if (s.ByHash.TryGetValue(h, out var found) && !found.Deleted && found.Labels.Equals(labels)) return found;
        if (s.Conflicts is not null && s.Conflicts.TryGetValue(h, out var list))
        {
            foreach (var c in list)
            {
                if (!c.Deleted && c.Labels.Equals(labels)) return c;
            }
        }
        return null;
    }

    /// <summary>Adds a series to the hash map. Call with the hash stripe's lock held, after <see cref="FindByHash"/> returned null.</summary>
    public static void AddByHash(Stripe s, MemSeries series)
    {
        ulong h = series.Labels.Hash;
        if (!s.ByHash.TryGetValue(h, out var existing) || existing.Deleted)
        {
            s.ByHash[h] = series;
            return;
        }
        s.Conflicts ??= [];
        if (!s.Conflicts.TryGetValue(h, out var list)) s.Conflicts[h] = list = [];
        list.Add(series);
    }

    /// <summary>Removes exactly this series object from the hash map (a replacement with the same labels stays).</summary>
    public void RemoveByHash(MemSeries series)
    {
        ulong h = series.Labels.Hash;
        var s = ForHash(h);
        lock (s.Lock)
        {
            List<MemSeries>? list = null;
            s.Conflicts?.TryGetValue(h, out list);
            if (s.ByHash.TryGetValue(h, out var existing) && ReferenceEquals(existing, series))
            {
                if (list is { Count: > 0 })
                {
                    s.ByHash[h] = list[^1];
                    list.RemoveAt(list.Count - 1);
                }
                else
                {
                    s.ByHash.Remove(h);
                }
            }
            else
            {
                list?.Remove(series);
            }
            if (list is { Count: 0 }) s.Conflicts!.Remove(h);
        }
    }
}
