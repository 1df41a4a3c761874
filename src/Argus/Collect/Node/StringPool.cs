using System.Text;

namespace Argus.Collect.Node;

/// <summary>
/// Turns names read as bytes (devices, mount points, meminfo keys) into strings, allocating each distinct name once.
/// Not thread-safe: each collector owns one. The pool is cleared when it exceeds <see cref="MaxEntries"/>, so names of
/// devices that come and go (veth pairs) cannot grow it without bound.
/// </summary>
internal sealed class StringPool
{
    // Far above the number of devices, mounts or meminfo keys of any real host; a bound, not a tuning knob.
    private const int MaxEntries = 16384;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<byte> utf8)
    {
        int max = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        Span<char> chars = max <= 256 ? stackalloc char[256] : new char[max];
        int n = Encoding.UTF8.GetChars(utf8, chars);
        return Get(chars[..n]);
    }

    public string Get(ReadOnlySpan<char> chars)
    {
        if (_lookup.TryGetValue(chars, out string? s))
        {
            return s;
        }
        if (_strings.Count >= MaxEntries)
        {
            _strings.Clear();
        }
        s = chars.ToString();
        _strings[s] = s;
        return s;
    }
}
