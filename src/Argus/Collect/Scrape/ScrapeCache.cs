using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using Argus.Model;

namespace Argus.Collect.Scrape;

/// <summary>
/// One target's scrape cache: the 128-bit hash of each exposed series text → its store ref, relabel verdict and scrape
/// bookkeeping, as Prometheus's scrape cache maps series text to a storage ref (<c>scrape/scrape.go</c>).
/// <para>Entries are structs in one array, chained from a power-of-two bucket array by index, with a free list: no object
/// per series, ~50 bytes a series with slack where a class per entry in a <c>Dictionary</c> took ~105. An entry keeps its
/// index until it is removed, so per-scrape series lists hold 4-byte indices. Not thread-safe: owned by one scrape loop.</para>
/// </summary>
internal sealed class ScrapeCache
{
    /// <summary>What the cache remembers about one exposed series text.</summary>
    internal struct Entry
    {
        /// <summary>XxHash128 of the exposed series text (name and label block as written), split in two halves.</summary>
        public ulong KeyLow, KeyHigh;

        /// <summary>The store's ref, or none when the store has not taken the series (yet), refused it, or forgot it.</summary>
        public SeriesRef Ref;

        /// <summary>The scrape attempt that last exposed this series, committed or not (repeats within one body, eviction).</summary>
        public int SeenIter;

        /// <summary>Index of this entry in the series list of the scrape that last exposed it; a hint, checked before use.</summary>
        public int Position;

        /// <summary>Next entry index in the bucket's chain (or in the free list), −1 at the end.</summary>
        internal int Next;

        /// <summary>Metric relabelling dropped the series; remembered so the line is not relabelled every scrape.</summary>
        public bool Dropped;

        /// <summary>False for a slot on the free list.</summary>
        internal bool InUse;

        /// <summary>
        /// Length in bytes of the exposed series text, or 0 when it does not fit 16 bits: lets the scrape loop check the
        /// expected series of a line before scanning its label block (<see cref="Exposition.ExpositionParser.TryPeekSeries"/>).
        /// Fills the struct's padding, so an entry stays 40 bytes.
        /// </summary>
        public ushort SeriesLength;
    }

    private const int MinCapacity = 16;

    private int[] _buckets = new int[MinCapacity];   // entry index + 1, 0 = empty
    private Entry[] _entries = new Entry[MinCapacity];
    private int _used;        // slots handed out at least once (the rest of the array was never used)
    private int _free = -1;   // head of the free list
    private int _freeCount;

    public int Count => _used - _freeCount;

    /// <summary>The entry at <paramref name="index"/>; the reference is valid until the next <see cref="Add"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Entry At(int index) => ref _entries[index];

    /// <summary>Whether the entry at <paramref name="index"/> is in use and has this key (a hint from a previous scrape).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Matches(int index, UInt128 key)
    {
        ref Entry e = ref _entries[index];
        return e.KeyLow == (ulong)key && e.KeyHigh == (ulong)(key >> 64) && e.InUse;
    }

    /// <summary>The index of the entry with this key, or −1.</summary>
    public int Find(UInt128 key)
    {
        ulong low = (ulong)key, high = (ulong)(key >> 64);
        var entries = _entries;
        for (int i = _buckets[BucketOf(low)] - 1; i >= 0; i = entries[i].Next)
        {
            if (entries[i].KeyLow == low && entries[i].KeyHigh == high) return i;
        }
        return -1;
    }

    /// <summary>Adds an entry for a key not in the cache and returns its index. Invalidates references from <see cref="At"/>.</summary>
    public int Add(UInt128 key, int seriesLength, bool dropped)
    {
        Debug.Assert(Find(key) < 0, "BUG: key added twice");
        int index;
        if (_free >= 0)
        {
            index = _free;
            _free = _entries[index].Next;
            _freeCount--;
        }
        else
        {
            if (_used == _entries.Length) Grow();
            index = _used++;
        }
        ulong low = (ulong)key;
        ref int bucket = ref _buckets[BucketOf(low)];
        _entries[index] = new Entry
        {
            KeyLow = low,
            KeyHigh = (ulong)(key >> 64),
            Dropped = dropped,
            InUse = true,
            SeriesLength = seriesLength <= ushort.MaxValue ? (ushort)seriesLength : (ushort)0,
            Next = bucket - 1,
        };
        bucket = index + 1;
        return index;
    }

    /// <summary>Sets every entry's <see cref="Entry.SeriesLength"/> to 0 (unknown), which turns the fast path off for it.</summary>
    public void ForgetSeriesLengths()
    {
        for (int i = 0; i < _used; i++) _entries[i].SeriesLength = 0;
    }

    /// <summary>
    /// Removes every entry not exposed since scrape <paramref name="oldestKept"/>. A table that emptied out (a cardinality
    /// burst that ended) is rebuilt smaller, which moves entries: the indices in <paramref name="live"/> are rewritten.
    /// </summary>
    public void RemoveSeenBefore(int oldestKept, Span<int> live)
    {
        for (int i = 0; i < _used; i++)
        {
            ref Entry e = ref _entries[i];
            if (e.InUse && e.SeenIter < oldestKept) Remove(i);
        }
        if (_entries.Length > 4 * MinCapacity && Count < _entries.Length / 4) Compact(Math.Max(MinCapacity, Count + Count / 2), live);
    }

    private void Remove(int index)
    {
        int bucket = BucketOf(_entries[index].KeyLow);
        int prev = -1, i = _buckets[bucket] - 1;
        while (i != index)
        {
            prev = i;
            i = _entries[i].Next;
        }
        if (prev < 0) _buckets[bucket] = _entries[index].Next + 1;
        else _entries[prev].Next = _entries[index].Next;
        _entries[index] = new Entry { Next = _free };
        _free = index;
        _freeCount++;
    }

    /// <summary>Copies the entries in use, in order, to an array of <paramref name="capacity"/> and renumbers <paramref name="live"/>.</summary>
    private void Compact(int capacity, Span<int> live)
    {
        var fresh = new Entry[capacity];
        var newIndex = new int[_used];   // a rare path (the table shrank to a quarter): one temporary array is fine
        int n = 0;
        for (int i = 0; i < _used; i++)
        {
            newIndex[i] = -1;
            if (_entries[i].InUse)
            {
                newIndex[i] = n;
                fresh[n++] = _entries[i];
            }
        }
        for (int i = 0; i < live.Length; i++)
        {
            live[i] = newIndex[live[i]];
            Debug.Assert(live[i] >= 0, "BUG: a live series was evicted from the scrape cache");
        }
        _entries = fresh;
        _used = n;
        _free = -1;
        _freeCount = 0;
        Rehash();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketOf(ulong keyLow) => (int)keyLow & (_buckets.Length - 1);

    // Entries grow by half (a target's series count is usually stable, so the last growth's slack stays for good); the
    // bucket array is the power of two at or above the entry capacity (4 bytes a slot). Indices do not change.
    private void Grow()
    {
        Array.Resize(ref _entries, _entries.Length + _entries.Length / 2);
        Rehash();
    }

    private void Rehash()
    {
        _buckets = new int[Math.Max(MinCapacity, (int)BitOperations.RoundUpToPowerOf2((uint)_entries.Length))];
        for (int i = 0; i < _used; i++)
        {
            if (!_entries[i].InUse) continue;
            ref int bucket = ref _buckets[BucketOf(_entries[i].KeyLow)];
            _entries[i].Next = bucket - 1;
            bucket = i + 1;
        }
    }
}
