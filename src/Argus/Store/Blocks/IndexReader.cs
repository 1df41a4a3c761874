using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;
using Argus.Model;

namespace Argus.Store.Blocks;

/// <summary>
/// Reads a block index (docs/format/block.md). The file is read into memory and its CRC verified once at open; symbols and
/// the postings offset table are decoded then, series entries and postings lists on demand. Immutable and thread-safe.
/// </summary>
internal sealed class IndexReader
{
    private readonly byte[] _data;
    private readonly string[] _symbols;
    private readonly int _seriesOff;
    private readonly int _postingsOff;
    private readonly int _allPostings;
    // Label name → its values (sorted) and the offset of each value's postings list.
    private readonly Dictionary<string, (string[] Values, int[] Offsets)> _table = new(StringComparer.Ordinal);
    private readonly string[] _names;
    private readonly string _path;

    public IndexReader(string path)
    {
        _path = path;
        _data = File.ReadAllBytes(path);
        if (_data.Length < IndexWriter.HeaderSize + IndexWriter.TocSize)
        {
            throw Corrupt($"{_data.Length} bytes is shorter than header and table of contents");
        }
        if (BinaryPrimitives.ReadUInt32BigEndian(_data) != IndexWriter.Magic) throw Corrupt("bad magic number");
        if (_data[4] != IndexWriter.Version) throw Corrupt($"unsupported index version {_data[4]}");
        int toc = _data.Length - IndexWriter.TocSize;
        uint want = BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(_data.Length - 4));
        uint got = Crc32.HashToUInt32(_data.AsSpan(0, _data.Length - 4));
        if (want != got) throw Corrupt($"checksum mismatch: stored 0x{want:x8}, computed 0x{got:x8}");
        int symbolsOff = TocOffset(toc, 0);
        _seriesOff = TocOffset(toc, 1);
        _postingsOff = TocOffset(toc, 2);
        int tableOff = TocOffset(toc, 3);

        try
        {
            ReadOnlySpan<byte> d = _data;
            int pos = symbolsOff;
            int n = checked((int)Varint.ReadUvarint(d, ref pos));
            _symbols = new string[n];
            for (int i = 0; i < n; i++)
            {
                int len = checked((int)Varint.ReadUvarint(d, ref pos));
                _symbols[i] = Encoding.UTF8.GetString(d.Slice(pos, len));
                pos += len;
            }

            _allPostings = _postingsOff;
            pos = tableOff;
            int names = checked((int)Varint.ReadUvarint(d, ref pos));
            _names = new string[names];
            int prevOffset = _postingsOff;
            for (int i = 0; i < names; i++)
            {
                string name = Symbol(Varint.ReadUvarint(d, ref pos));
                int count = checked((int)Varint.ReadUvarint(d, ref pos));
                var values = new string[count];
                var offsets = new int[count];
                for (int k = 0; k < count; k++)
                {
                    values[k] = Symbol(Varint.ReadUvarint(d, ref pos));
                    prevOffset = offsets[k] = checked(prevOffset + (int)Varint.ReadUvarint(d, ref pos));
                }
                _names[i] = name;
                _table[name] = (values, offsets);
            }
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException or IndexOutOfRangeException)
        {
            throw Corrupt($"malformed symbol or postings table: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e.Message);
        }
    }

    public long SizeBytes => _data.Length;

    public int SymbolCount => _symbols.Length;

    /// <summary>Sorted label names present in the block.</summary>
    public IReadOnlyList<string> LabelNames => _names;

    /// <summary>Sorted values of the label, empty when absent. The array must not be modified.</summary>
    public string[] Values(string name) => _table.TryGetValue(name, out var e) ? e.Values : [];

    /// <summary>Series ids of the series having name=value (sorted, ascending).</summary>
    public ulong[] Postings(string name, string value)
    {
        if (!_table.TryGetValue(name, out var e)) return [];
        int i = Array.BinarySearch(e.Values, value, StringComparer.Ordinal);
        return i < 0 ? [] : ReadPostings(e.Offsets[i]);
    }

    /// <summary>The union of the postings of the values of name at the given indexes of <see cref="Values"/>.</summary>
    public ulong[] PostingsForValueIndexes(string name, List<int> valueIndexes)
    {
        if (!_table.TryGetValue(name, out var e) || valueIndexes.Count == 0) return [];
        if (valueIndexes.Count == 1) return ReadPostings(e.Offsets[valueIndexes[0]]);
        var lists = new List<ReadOnlyMemory<ulong>>(valueIndexes.Count);
        foreach (int i in valueIndexes) lists.Add(ReadPostings(e.Offsets[i]));
        return Index.Postings.Union(lists);
    }

    public ulong[] AllPostings() => ReadPostings(_allPostings);

    /// <summary>Decodes a delta-encoded list into series ids (as ulong, the head's postings type, to share its set operations).</summary>
    private ulong[] ReadPostings(int offset)
    {
        ReadOnlySpan<byte> d = _data;
        int pos = offset;
        int n = checked((int)Varint.ReadUvarint(d, ref pos));
        var ids = new ulong[n];
        ulong id = 0;
        for (int i = 0; i < n; i++)
        {
            id += Varint.ReadUvarint(d, ref pos);
            ids[i] = id;
        }
        return ids;
    }

    /// <summary>Decodes the series entry with the given id; chunk metas are appended to <paramref name="chunks"/> when given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Labels Series(ulong seriesId, List<ChunkMeta>? chunks)
    {
        if (seriesId < (ulong)_seriesOff || seriesId >= (ulong)_postingsOff) throw Corrupt($"series id {seriesId} outside the series section");
        int id = (int)seriesId;
        try
        {
            ReadOnlySpan<byte> d = _data;
            int pos = id;
            int nl = checked((int)Varint.ReadUvarint(d, ref pos));
            var labels = new Label[nl];
            for (int i = 0; i < nl; i++)
            {
                labels[i] = new Label(Symbol(Varint.ReadUvarint(d, ref pos)), Symbol(Varint.ReadUvarint(d, ref pos)));
            }
            if (chunks is not null)
            {
                int nc = checked((int)Varint.ReadUvarint(d, ref pos));
                if (nc > 0)
                {
                    int segment = checked((int)Varint.ReadUvarint(d, ref pos));
                    long offset = (long)Varint.ReadUvarint(d, ref pos);
                    long prevMaxT = 0;
                    for (int i = 0; i < nc; i++)
                    {
                        long minT = i == 0 ? Varint.ReadVarint(d, ref pos) : prevMaxT + (long)Varint.ReadUvarint(d, ref pos);
                        long maxT = minT + (long)Varint.ReadUvarint(d, ref pos);
                        int len = checked((int)Varint.ReadUvarint(d, ref pos));
                        chunks.Add(new ChunkMeta(minT, maxT, segment, offset, len));
                        offset += len;
                        prevMaxT = maxT;
                    }
                }
            }
            return Labels.FromSortedUnsafe(labels);
        }
        catch (Exception e) when (e is InvalidDataException or OverflowException or IndexOutOfRangeException)
        {
            throw Corrupt($"series {id}: {e.Message}");
        }
    }

    private string Symbol(ulong r) =>
        r < (ulong)_symbols.Length ? _symbols[r] : throw new InvalidDataException($"symbol ref {r} beyond table of {_symbols.Length}");

    private int TocOffset(int toc, int i)
    {
        ulong v = BinaryPrimitives.ReadUInt64BigEndian(_data.AsSpan(toc + i * 8));
        if (v < IndexWriter.HeaderSize || v > (ulong)toc) throw Corrupt($"table of contents entry {i} = {v} outside the file");
        return (int)v;
    }

    private InvalidDataException Corrupt(string why) => new($"{_path}: corrupt index: {why}");
}
