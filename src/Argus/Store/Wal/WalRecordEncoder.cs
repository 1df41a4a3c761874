using System.Buffers.Binary;
using System.Text;

namespace Argus.Store.Wal;

/// <summary>
/// Encodes series and samples records byte for byte as Prometheus's record.Encoder does (docs/format/wal.md).
/// Series: type 1, then per series ref (uint64 BE), label count (uvarint), names and values (uvarint length + UTF-8).
/// Samples: type 2, the first sample's ref and timestamp (uint64 BE each), then per sample the ref and timestamp as
/// zigzag varint deltas against that first sample, and the value's IEEE 754 bits (uint64 BE).
/// </summary>
internal static class WalRecordEncoder
{
    // 10 bytes is the longest varint of a 64-bit value: ceil(64 / 7).
    private const int MaxVarintBytes = 10;
    private const int SamplesHeaderBytes = 1 + 8 + 8;
    private const int MaxSampleBytes = MaxVarintBytes + MaxVarintBytes + 8;

    /// <summary>An upper bound of <see cref="EncodeSamples"/>'s output for <paramref name="count"/> samples.</summary>
    public static int MaxSamplesSize(int count) => SamplesHeaderBytes + (count * MaxSampleBytes);

    /// <summary>How many samples surely fit in a record of <paramref name="maxBytes"/>.</summary>
    public static int SamplesThatFit(int maxBytes) => Math.Max(1, (maxBytes - SamplesHeaderBytes) / MaxSampleBytes);

    /// <summary>Writes one samples record into <paramref name="dst"/> (at least <see cref="MaxSamplesSize"/> long); returns its length.</summary>
    public static int EncodeSamples(ReadOnlySpan<RefSample> samples, Span<byte> dst)
    {
        dst[0] = (byte)WalRecordType.Samples;
        if (samples.IsEmpty) return 1;
        ulong firstRef = samples[0].Ref.Value;
        long firstT = samples[0].T;
        BinaryPrimitives.WriteUInt64BigEndian(dst[1..], firstRef);
        BinaryPrimitives.WriteInt64BigEndian(dst[9..], firstT);
        int pos = SamplesHeaderBytes;
        foreach (ref readonly RefSample s in samples)
        {
            pos += WriteVarint(dst[pos..], (long)(s.Ref.Value - firstRef));
            pos += WriteVarint(dst[pos..], s.T - firstT);
            BinaryPrimitives.WriteUInt64BigEndian(dst[pos..], BitConverter.DoubleToUInt64Bits(s.V));
            pos += 8;
        }
        return pos;
    }

    /// <summary>The exact encoded size of one series entry (without the record's type byte).</summary>
    public static int SeriesEntrySize(in RefSeries s)
    {
        int size = 8 + UvarintSize((ulong)s.Labels.Count);
        foreach (var l in s.Labels.AsSpan())
        {
            int n = Encoding.UTF8.GetByteCount(l.Name), v = Encoding.UTF8.GetByteCount(l.Value);
            size += UvarintSize((ulong)n) + n + UvarintSize((ulong)v) + v;
        }
        return size;
    }

    /// <summary>Writes one series record holding all of <paramref name="series"/>; <paramref name="dst"/> must fit 1 + the entry sizes.</summary>
    public static int EncodeSeries(ReadOnlySpan<RefSeries> series, Span<byte> dst)
    {
        dst[0] = (byte)WalRecordType.Series;
        int pos = 1;
        foreach (ref readonly RefSeries s in series)
        {
            BinaryPrimitives.WriteUInt64BigEndian(dst[pos..], s.Ref.Value);
            pos += 8;
            pos += WriteUvarint(dst[pos..], (ulong)s.Labels.Count);
            foreach (var l in s.Labels.AsSpan())
            {
                pos += WriteString(dst[pos..], l.Name);
                pos += WriteString(dst[pos..], l.Value);
            }
        }
        return pos;
    }

    private static int WriteString(Span<byte> dst, string s)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        int p = WriteUvarint(dst, (ulong)n);
        Encoding.UTF8.GetBytes(s, dst[p..]);
        return p + n;
    }

    /// <summary>Go's binary.PutVarint: zigzag, then LEB128.</summary>
    public static int WriteVarint(Span<byte> dst, long v) => WriteUvarint(dst, (ulong)((v << 1) ^ (v >> 63)));

    /// <summary>Go's binary.PutUvarint: 7 bits per byte, low bits first, high bit set on all but the last byte.</summary>
    public static int WriteUvarint(Span<byte> dst, ulong v)
    {
        int i = 0;
        while (v >= 0x80)
        {
            dst[i++] = (byte)(v | 0x80);
            v >>= 7;
        }
        dst[i++] = (byte)v;
        return i;
    }

    public static int UvarintSize(ulong v) => v == 0 ? 1 : ((63 - System.Numerics.BitOperations.LeadingZeroCount(v)) / 7) + 1;
}
