using System.Runtime.CompilerServices;
using Argus.Model;
using Argus.Store.Index;

namespace Argus.Store.Head;

/// <summary>
/// One of a stripe's two series maps: an open-addressing hash table (linear probing, Fibonacci hashing, backward-shift
/// deletion) of series references keyed either by their ref or by their label hash, the key read from the series itself.
/// A slot is one 8-byte reference, so a series costs ~11-16 bytes per map at the 50-75 % load kept here, against ~40 for a
/// <see cref="Dictionary{TKey, TValue}"/> entry with its bucket and resize slack. Keyed by hash, equal keys are allowed (an
/// xxHash64 collision): lookups walk the probe run comparing labels, so no separate collision list is needed.
/// <para>Not thread-safe: guarded by the lock of the stripe that owns it (<see cref="StripeSeries"/>).</para>
/// </summary>
internal sealed class SeriesTable(bool byHash)
{
    private const int MinCapacity = 8;
    private MemSeries?[] _slots = [];
    private int _count;
    private int _shift = 64;

    public int Count => _count;

    /// <summary>Slots for a full scan (<see cref="SlotAt"/>); removal during a scan moves entries, so collect first.</summary>
    public int Capacity => _slots.Length;

    public MemSeries? SlotAt(int i) => _slots[i];

    /// <summary>The series with this ref (a table keyed by ref), or null.</summary>
    public MemSeries? GetByRef(ulong r)
    {
        if (_count == 0) return null;
        var slots = _slots;
        int mask = slots.Length - 1;
        for (int i = Home(r); ; i = (i + 1) & mask)
        {
            var s = slots[i];
            if (s is null) return null;
            if (s.Ref == r) return s;
        }
    }

    /// <summary>
    /// Prefetch hint, callable without the stripe lock: the slot where <paramref name="r"/> is found first (another series'
    /// under a collision or a concurrent resize). Never out of range, never null-dereferencing.
    /// </summary>
    public ref MemSeries? HomeSlotHint(ulong r)
    {
        var slots = _slots;
        if (slots.Length == 0) return ref Unsafe.NullRef<MemSeries?>();
        return ref slots[Home(r) & (slots.Length - 1)];
    }

    /// <summary>The live series with exactly these labels (a table keyed by hash), or null.</summary>
    public MemSeries? FindByLabels(Labels labels, MemPostings index)
    {
        if (_count == 0) return null;
        ulong h = labels.Hash;
        var slots = _slots;
        int mask = slots.Length - 1;
        for (int i = Home(h); ; i = (i + 1) & mask)
        {
            var s = slots[i];
            if (s is null) return null;
            // Series in a hash map are indexed, so their pair ids are valid (see MemPostings).
            if (s.Hash == h && !s.Deleted && index.PairsEqual(s.Pairs, labels)) return s;
        }
    }

    /// <summary>Adds a series. Keyed by ref, a series already stored under the same ref is replaced.</summary>
    public void Add(MemSeries series)
    {
        if ((_count + 1) * 4 > _slots.Length * 3) Resize(Math.Max(MinCapacity, _slots.Length * 2));
        ulong key = KeyOf(series);
        int mask = _slots.Length - 1;
        int i = Home(key);
        while (_slots[i] is { } s)
        {
            if (!byHash && s.Ref == key)
            {
                _slots[i] = series;
                return;
            }
            i = (i + 1) & mask;
        }
        _slots[i] = series;
        _count++;
    }

    /// <summary>Removes exactly this series object; false when it is not in the table (another one with its key may be).</summary>
    public bool Remove(MemSeries series)
    {
        if (_count == 0) return false;
        int mask = _slots.Length - 1;
        int i = Home(KeyOf(series));
        while (true)
        {
            var s = _slots[i];
            if (s is null) return false;
            if (ReferenceEquals(s, series)) break;
            i = (i + 1) & mask;
        }
        // Backward-shift deletion: pull later entries of the probe run into the hole unless their home lies cyclically in
        // (hole, j], so every remaining entry stays reachable from its home without tombstones.
        _slots[i] = null;
        for (int j = (i + 1) & mask; _slots[j] is { } s; j = (j + 1) & mask)
        {
            int home = Home(KeyOf(s));
            bool stays = i <= j ? i < home && home <= j : i < home || home <= j;
            if (stays) continue;
            _slots[i] = s;
            _slots[j] = null;
            i = j;
        }
        _count--;
        // Shrink after churn so a stripe that once held many series does not keep their slots.
        if (_slots.Length > MinCapacity && _count * 8 < _slots.Length) Resize(Math.Max(MinCapacity, _slots.Length / 4));
        return true;
    }

    private ulong KeyOf(MemSeries s) => byHash ? s.Hash : s.Ref;

    // Fibonacci hashing: the top bits of key × 2^64/φ. Keys of one stripe share their low bits (the stripe index), which the
    // multiplication spreads into the top bits used here.
    private int Home(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Resize(int capacity)
    {
        var old = _slots;
        _slots = new MemSeries?[capacity];
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        _count = 0;
        foreach (var s in old)
        {
            if (s is not null) Add(s);
        }
    }
}
