using System.IO.Hashing;
using System.Text;
using Argus.Model;

namespace Argus.Store.Blocks;

/// <summary>
/// Writes a block's index file (layout in docs/format/block.md): symbol table, series entries with their chunk metas,
/// postings per label pair and the postings offset table, then a table of contents with a CRC32 over everything before it.
/// Series must be added in <see cref="Labels.Compare"/> order; a series' id is its entry's byte offset, so postings lists,
/// being sorted by id, are also sorted by labels.
/// </summary>
internal sealed class IndexWriter
{
    public const uint Magic = 0x41524758; // "ARGX"
    public const byte Version = 1;
    public const int HeaderSize = 5;
    public const int TocSize = 4 * 8 + 4;

    private readonly List<(Labels Labels, ChunkMeta[] Chunks)> _series = [];

    public void AddSeries(Labels labels, ChunkMeta[] chunks)
    {
        if (_series.Count > 0 && Labels.Compare(_series[^1].Labels, labels) >= 0)
        {
            throw new InvalidOperationException($"BUG: series {labels} added to the index out of order (after {_series[^1].Labels})");
        }
        _series.Add((labels, chunks));
    }

    public int SeriesCount => _series.Count;

    /// <summary>Builds the whole index in memory and writes it to path (fsynced).</summary>
    public long WriteTo(string path)
    {
        // Symbols: every distinct name and value, once, sorted; "" is always present (the all-postings key).
        var symbolSet = new HashSet<string>(StringComparer.Ordinal) { "" };
        foreach (var (labels, _) in _series)
        {
            foreach (var l in labels)
            {
                symbolSet.Add(l.Name);
                symbolSet.Add(l.Value);
            }
        }
        var symbols = symbolSet.ToArray();
        Array.Sort(symbols, StringComparer.Ordinal);
        var symbolRef = new Dictionary<string, int>(symbols.Length, StringComparer.Ordinal);
        for (int i = 0; i < symbols.Length; i++) symbolRef[symbols[i]] = i;

        var buf = new IndexBuffer();
        buf.PutUInt32BigEndian(Magic);
        buf.PutByte(Version);

        long symbolsOff = buf.Length;
        buf.PutUvarint((ulong)symbols.Length);
        Span<byte> utf8 = stackalloc byte[256];
        foreach (var s in symbols)
        {
            int n = Encoding.UTF8.GetByteCount(s);
            var dst = n <= utf8.Length ? utf8[..n] : new byte[n];
            Encoding.UTF8.GetBytes(s, dst);
            buf.PutUvarint((ulong)n);
            buf.PutBytes(dst);
        }

        // Series entries; collect postings per (name ref, value ref) on the way.
        long seriesOff = buf.Length;
        var postings = new Dictionary<(int Name, int Value), List<int>>();
        var all = new List<int>(_series.Count);
        foreach (var (labels, chunks) in _series)
        {
            int id = buf.Length;
            all.Add(id);
            buf.PutUvarint((ulong)labels.Count);
            foreach (var l in labels)
            {
                int nr = symbolRef[l.Name], vr = symbolRef[l.Value];
                buf.PutUvarint((ulong)nr);
                buf.PutUvarint((ulong)vr);
                if (!postings.TryGetValue((nr, vr), out var list)) postings[(nr, vr)] = list = [];
                list.Add(id);
            }
            WriteChunkMetas(buf, chunks);
        }

        // Postings lists: the all-series list first (key "",""), then by name and value. Both orders agree because symbol
        // refs are assigned in sorted order.
        long postingsOff = buf.Length;
        var keys = postings.Keys.ToArray();
        Array.Sort(keys);
        var listOffsets = new int[keys.Length];
        WritePostings(buf, all);
        for (int i = 0; i < keys.Length; i++)
        {
            listOffsets[i] = buf.Length;
            WritePostings(buf, postings[keys[i]]);
        }

        // Postings offset table: names, each with its values and list offsets (delta-encoded).
        long tableOff = buf.Length;
        int names = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (i == 0 || keys[i].Name != keys[i - 1].Name) names++;
        }
        buf.PutUvarint((ulong)names);
        long prevOffset = postingsOff;
        for (int i = 0; i < keys.Length;)
        {
            int j = i;
            while (j < keys.Length && keys[j].Name == keys[i].Name) j++;
            buf.PutUvarint((ulong)keys[i].Name);
            buf.PutUvarint((ulong)(j - i));
            for (int k = i; k < j; k++)
            {
                buf.PutUvarint((ulong)keys[k].Value);
                buf.PutUvarint((ulong)(listOffsets[k] - prevOffset));
                prevOffset = listOffsets[k];
            }
            i = j;
        }

        buf.PutUInt64BigEndian((ulong)symbolsOff);
        buf.PutUInt64BigEndian((ulong)seriesOff);
        buf.PutUInt64BigEndian((ulong)postingsOff);
        buf.PutUInt64BigEndian((ulong)tableOff);
        buf.PutUInt32BigEndian(Crc32.HashToUInt32(buf.Written));

        FileSync.WriteFile(path, buf.Written);
        return buf.Length;
    }

    private static void WriteChunkMetas(IndexBuffer buf, ChunkMeta[] chunks)
    {
        buf.PutUvarint((ulong)chunks.Length);
        if (chunks.Length == 0) return;
        buf.PutUvarint((ulong)chunks[0].Segment);
        buf.PutUvarint((ulong)chunks[0].Offset);
        long prevMaxT = 0;
        for (int i = 0; i < chunks.Length; i++)
        {
            var c = chunks[i];
            if (i == 0)
            {
                buf.PutVarint(c.MinT);
            }
            else
            {
                var p = chunks[i - 1];
                if (c.Segment != p.Segment || c.Offset != p.Offset + p.Length || c.MinT <= prevMaxT)
                {
                    throw new InvalidOperationException($"BUG: chunk {i} of a series is not contiguous with and after chunk {i - 1}");
                }
                buf.PutUvarint((ulong)(c.MinT - prevMaxT));
            }
            buf.PutUvarint((ulong)(c.MaxT - c.MinT));
            buf.PutUvarint((ulong)c.Length);
            prevMaxT = c.MaxT;
        }
    }

    private static void WritePostings(IndexBuffer buf, List<int> ids)
    {
        buf.PutUvarint((ulong)ids.Count);
        int prev = 0;
        foreach (int id in ids)
        {
            buf.PutUvarint((ulong)(id - prev));
            prev = id;
        }
    }
}
