using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using Argus.Model;

namespace Argus.Store.Wal;

/// <summary>
/// Decodes the records <see cref="WalRecordEncoder"/> writes into arrays it reuses: the returned spans are valid until the
/// next Decode call. Label names and (up to a bound) values are interned, so a million series replayed from the WAL share
/// one "__name__" and one "job" string. Not thread-safe: one decoder per reader.
/// </summary>
internal sealed class WalRecordDecoder
{
    // Enough for every label name and the common values (job, instance of a large fleet, le buckets) without letting a
    // WAL full of unique values (pod UIDs) grow the table without bound.
    private const int MaxInterned = 1 << 17;

    // Strings longer than this are not interned: long values are rarely repeated and would need a heap char buffer.
    private const int MaxInternedChars = 128;

    private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _internLookup;
    private RefSeries[] _series = new RefSeries[64];
    private RefSample[] _samples = new RefSample[1024];
    private readonly List<Label> _unsorted = [];

    public WalRecordDecoder() => _internLookup = _interned.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The record's type, or 0 for an empty record.</summary>
    public static WalRecordType TypeOf(ReadOnlySpan<byte> record) => record.IsEmpty ? 0 : (WalRecordType)record[0];

    /// <summary>Decodes a series record. Throws <see cref="InvalidDataException"/> naming the byte where decoding failed.</summary>
    public ReadOnlySpan<RefSeries> DecodeSeries(ReadOnlySpan<byte> record)
    {
        int pos = 1, count = 0;
        while (pos < record.Length)
        {
            if (record.Length - pos < 8) ThrowTruncated(pos, "series ref");
            ulong r = BinaryPrimitives.ReadUInt64BigEndian(record[pos..]);
            pos += 8;
            ulong n = ReadUvarint(record, ref pos);
            if (n > (ulong)(record.Length - pos)) ThrowBad(pos, $"label count {n} exceeds the record");
            var labels = new Label[(int)n];
            bool sorted = true;
            for (int i = 0; i < labels.Length; i++)
            {
                string name = ReadString(record, ref pos);
                string value = ReadString(record, ref pos);
                labels[i] = new Label(name, value);
                if (value.Length == 0 || (i > 0 && string.CompareOrdinal(labels[i - 1].Name, name) >= 0)) sorted = false;
            }
            if (count == _series.Length) Array.Resize(ref _series, count * 2);
            _series[count++] = new RefSeries(new SeriesRef(r), sorted ? Labels.FromSortedUnsafe(labels) : Normalize(labels));
        }
        return _series.AsSpan(0, count);
    }

    /// <summary>Decodes a samples record. Throws <see cref="InvalidDataException"/> naming the byte where decoding failed.</summary>
    public ReadOnlySpan<RefSample> DecodeSamples(ReadOnlySpan<byte> record)
    {
        if (record.Length <= 1) return [];
        if (record.Length < 17) ThrowTruncated(1, "first sample");
        ulong firstRef = BinaryPrimitives.ReadUInt64BigEndian(record[1..]);
        long firstT = BinaryPrimitives.ReadInt64BigEndian(record[9..]);
        // Each sample takes at least 1 + 1 + 8 bytes, which bounds the count before decoding.
        int max = (record.Length - 17) / 10;
        if (_samples.Length < max) _samples = new RefSample[Math.Max(max, _samples.Length * 2)];
        RefSample[] samples = _samples;
        int pos = 17, count = 0;
        while (pos < record.Length)
        {
            long dRef = ReadVarint(record, ref pos);
            long dT = ReadVarint(record, ref pos);
            if (record.Length - pos < 8) ThrowTruncated(pos, "sample value");
            double v = BitConverter.UInt64BitsToDouble(BinaryPrimitives.ReadUInt64BigEndian(record[pos..]));
            pos += 8;
            samples[count++] = new RefSample(new SeriesRef(firstRef + (ulong)dRef), firstT + dT, v);
        }
        return samples.AsSpan(0, count);
    }

    private Labels Normalize(Label[] labels)
    {
        _unsorted.Clear();
        _unsorted.AddRange(labels);
        return Labels.FromList(_unsorted);
    }

    private string ReadString(ReadOnlySpan<byte> record, ref int pos)
    {
        ulong n = ReadUvarint(record, ref pos);
        if (n > (ulong)(record.Length - pos)) ThrowBad(pos, $"string of {n} bytes exceeds the record");
        ReadOnlySpan<byte> bytes = record.Slice(pos, (int)n);
        pos += (int)n;
        if (bytes.Length > MaxInternedChars) return Encoding.UTF8.GetString(bytes);
        Span<char> chars = stackalloc char[MaxInternedChars];
        int len = Encoding.UTF8.GetChars(bytes, chars);
        if (_internLookup.TryGetValue(chars[..len], out string? s)) return s;
        s = new string(chars[..len]);
        if (_interned.Count < MaxInterned) _interned.Add(s, s);
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ReadVarint(ReadOnlySpan<byte> b, ref int pos)
    {
        ulong u = ReadUvarint(b, ref pos);
        return (long)(u >> 1) ^ -(long)(u & 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReadUvarint(ReadOnlySpan<byte> b, ref int pos)
    {
        // Fast path: small deltas (same series order, same scrape timestamp) are one byte.
        if ((uint)pos < (uint)b.Length && b[pos] < 0x80) return b[pos++];
        return ReadUvarintSlow(b, ref pos);
    }

    private static ulong ReadUvarintSlow(ReadOnlySpan<byte> b, ref int pos)
    {
        ulong x = 0;
        for (int shift = 0, start = pos; ; shift += 7)
        {
            if (pos >= b.Length) ThrowTruncated(start, "varint");
            byte c = b[pos++];
            if (shift == 63 && c > 1) ThrowBad(start, "varint overflows 64 bits");
            x |= (ulong)(c & 0x7f) << shift;
            if (c < 0x80) return x;
        }
    }

    [DoesNotReturn]
    private static void ThrowTruncated(int pos, string what) =>
        throw new InvalidDataException($"record truncated at byte {pos}: no room for {what}");

    [DoesNotReturn]
    private static void ThrowBad(int pos, string what) => throw new InvalidDataException($"bad record at byte {pos}: {what}");
}
