using System.Collections;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Argus.Model;

/// <summary>
/// An immutable label set sorted by name, with its hash computed once. Names are unique; empty values are never stored
/// (a label with an empty value is the same as an absent label, as in Prometheus). Instances are safe to share between threads.
/// </summary>
public sealed class Labels : IEquatable<Labels>, IReadOnlyList<Label>
{
    public const string MetricName = "__name__";

    public static readonly Labels Empty = new([]);

    private readonly Label[] _labels;
    // Computed on first use: a selection decodes many label sets from a block index that are never hashed (aggregated away
    // or only compared), and hashing was a tenth of a query's time. Racing threads compute the same value; the volatile flag
    // publishes _hash after it is written.
    private ulong _hash;
    private volatile bool _hashKnown;

    private Labels(Label[] sortedUnique)
    {
        _labels = sortedUnique;
    }

    private Labels(Label[] sortedUnique, ulong hash)
    {
        _labels = sortedUnique;
        _hash = hash;
        _hashKnown = true;
    }

    /// <summary>Builds a label set from pairs in any order; empty values are dropped, a repeated name keeps its last value.</summary>
    public static Labels FromPairs(IEnumerable<Label> pairs)
    {
        var list = new List<Label>();
        foreach (var l in pairs)
        {
            list.Add(l);
        }
        return FromList(list);
    }

    public static Labels FromStrings(params string[] nameValues)
    {
        if (nameValues.Length % 2 != 0)
        {
            throw new ArgumentException("FromStrings needs an even number of arguments: name, value, name, value…", nameof(nameValues));
        }
        var list = new List<Label>(nameValues.Length / 2);
        for (int i = 0; i < nameValues.Length; i += 2)
        {
            list.Add(new Label(nameValues[i], nameValues[i + 1]));
        }
        return FromList(list);
    }

    public static Labels FromDictionary(IReadOnlyDictionary<string, string> map) =>
        FromPairs(map.Select(kv => new Label(kv.Key, kv.Value)));

    internal static Labels FromList(List<Label> list)
    {
        // Stable sort keeps the insertion order among equal names so that "last wins" below is well defined.
        var arr = list.ToArray();
        var keys = new int[arr.Length];
        for (int i = 0; i < keys.Length; i++) keys[i] = i;
        Array.Sort(keys, (a, b) =>
        {
            int c = string.CompareOrdinal(arr[a].Name, arr[b].Name);
            return c != 0 ? c : a.CompareTo(b);
        });
        var result = new List<Label>(arr.Length);
        foreach (int k in keys)
        {
            var l = arr[k];
            if (result.Count > 0 && result[^1].Name == l.Name)
            {
                result[^1] = l;
            }
            else
            {
                result.Add(l);
            }
        }
        result.RemoveAll(static l => l.Value.Length == 0);
        return new Labels(result.ToArray());
    }

    /// <summary>Wraps an array the caller guarantees to be sorted by name, unique and free of empty values; the array is owned afterwards.</summary>
    internal static Labels FromSortedUnsafe(Label[] sorted) => sorted.Length == 0 ? Empty : new Labels(sorted);

    /// <summary>
    /// As <see cref="FromSortedUnsafe(Label[])"/> with the hash the same pairs had before (the head keeps it per series and
    /// rebuilds label sets from its index), sparing the hashing.
    /// </summary>
    internal static Labels FromSortedUnsafe(Label[] sorted, ulong hash) => sorted.Length == 0 ? Empty : new Labels(sorted, hash);

    public int Count => _labels.Length;
    public Label this[int index] => _labels[index];
    public ReadOnlySpan<Label> AsSpan() => _labels;

    /// <summary>A stable 64-bit hash (xxHash64 of the name/value bytes) that is the same in every process.</summary>
    public ulong Hash
    {
        get
        {
            if (_hashKnown) return _hash;
            _hash = ComputeHash(_labels);
            _hashKnown = true;
            return _hash;
        }
    }

    public string MetricNameValue => Get(MetricName);

    /// <summary>The value of the named label, or "" when absent.</summary>
    public string Get(string name)
    {
        int i = IndexOf(name);
        return i >= 0 ? _labels[i].Value : "";
    }

    public bool Has(string name) => IndexOf(name) >= 0;

    private int IndexOf(string name)
    {
        int lo = 0, hi = _labels.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = string.CompareOrdinal(_labels[mid].Name, name);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }

    public Builder ToBuilder() => new(this);

    /// <summary>A copy without the metric name, as PromQL functions produce.</summary>
    public Labels WithoutMetricName() => IndexOf(MetricName) < 0 ? this : ToBuilder().Del(MetricName).Build();

    private static ulong ComputeHash(Label[] labels)
    {
        var h = new XxHash64();
        Span<byte> sep = [0xff];
        foreach (var l in labels)
        {
            h.Append(MemoryMarshal.AsBytes(l.Name.AsSpan()));
            h.Append(sep);
            h.Append(MemoryMarshal.AsBytes(l.Value.AsSpan()));
            h.Append(sep);
        }
        return h.GetCurrentHashAsUInt64();
    }

    public bool Equals(Labels? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.Hash != Hash || other._labels.Length != _labels.Length) return false;
        for (int i = 0; i < _labels.Length; i++)
        {
            if (!string.Equals(_labels[i].Name, other._labels[i].Name, StringComparison.Ordinal) ||
                !string.Equals(_labels[i].Value, other._labels[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Labels);
    public override int GetHashCode()
    {
        ulong h = Hash;
        return (int)(h ^ (h >> 32));
    }

    /// <summary>Orders label sets as Prometheus does (labels.Compare): pairwise by name then value, shorter first.</summary>
    public static int Compare(Labels a, Labels b)
    {
        int n = Math.Min(a.Count, b.Count);
        for (int i = 0; i < n; i++)
        {
            int c = string.CompareOrdinal(a._labels[i].Name, b._labels[i].Name);
            if (c != 0) return c;
            c = string.CompareOrdinal(a._labels[i].Value, b._labels[i].Value);
            if (c != 0) return c;
        }
        return a.Count.CompareTo(b.Count);
    }

    /// <summary>Prometheus's text form: <c>{a="1", b="2"}</c> with Go-style escaping of values.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("{");
        for (int i = 0; i < _labels.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(_labels[i].Name).Append("=\"");
            AppendEscaped(sb, _labels[i].Value);
            sb.Append('"');
        }
        return sb.Append('}').ToString();
    }

    internal static void AppendEscaped(StringBuilder sb, string value)
    {
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                default: sb.Append(c); break;
            }
        }
    }

    public Enumerator GetEnumerator() => new(_labels);
    IEnumerator<Label> IEnumerable<Label>.GetEnumerator() => ((IEnumerable<Label>)_labels).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _labels.GetEnumerator();

    public struct Enumerator(Label[] labels)
    {
        private int _i = -1;
        public readonly Label Current => labels[_i];
        public bool MoveNext() => ++_i < labels.Length;
    }

    /// <summary>Mutable companion used to derive label sets (relabelling, PromQL); Build() sorts and drops empty values.</summary>
    public sealed class Builder
    {
        private readonly List<Label> _list;

        public Builder() => _list = [];
        internal Builder(Labels from) => _list = [.. from._labels];

        public Builder Set(string name, string value)
        {
            for (int i = 0; i < _list.Count; i++)
            {
                if (_list[i].Name == name)
                {
                    _list[i] = new Label(name, value);
                    return this;
                }
            }
            _list.Add(new Label(name, value));
            return this;
        }

        public Builder Del(string name)
        {
            _list.RemoveAll(l => l.Name == name);
            return this;
        }

        public string Get(string name)
        {
            foreach (var l in _list)
            {
                if (l.Name == name) return l.Value;
            }
            return "";
        }

        public IReadOnlyList<Label> Current => _list;

        public Builder Keep(Func<string, bool> keep)
        {
            _list.RemoveAll(l => !keep(l.Name));
            return this;
        }

        public Labels Build() => FromList(_list);
    }
}
