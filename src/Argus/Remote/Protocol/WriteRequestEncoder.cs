using Argus.Model;
using Argus.Store.Blocks;
using Google.Protobuf;
using Snappier;

namespace Argus.Remote.Protocol;

/// <summary>
/// Builds snappy-compressed (block format) prometheus.WriteRequest bodies into buffers it owns and reuses, so a shard
/// that sends the same batch size over and over allocates nothing per sample. The returned memory is valid until the next
/// Encode call. Not thread-safe: one encoder per shard.
/// </summary>
public sealed class WriteRequestEncoder
{
    internal const byte TimeseriesTag = (1 << 3) | 2;
    internal const byte MetadataTag = (3 << 3) | 2;
    private const byte MetadataTypeTag = (1 << 3) | 0;
    private const byte MetadataNameTag = (2 << 3) | 2;
    private const byte MetadataHelpTag = (4 << 3) | 2;
    private const byte MetadataUnitTag = (5 << 3) | 2;
    private const byte ExemplarValueTag = (2 << 3) | 1;
    private const byte ExemplarTimestampTag = (3 << 3) | 0;

    // Per TimeSeries besides its labels: tag 1 + length varint up to 5 + sample tag 1 + sample length 1 + value 9 +
    // timestamp up to 11 (tag and a 10-byte varint).
    private const int MaxFramingBytes = 1 + 5 + 1 + 1 + 9 + 11;

    private byte[] _raw = new byte[64 * 1024];
    private byte[] _compressed = new byte[64 * 1024];

    /// <summary>Size in bytes of the protobuf before compression, of the last Encode call.</summary>
    public int UncompressedSize { get; private set; }

    /// <summary>A WriteRequest with one TimeSeries of one sample per entry, in the order given.</summary>
    public ReadOnlyMemory<byte> Encode(ReadOnlySpan<SeriesSample> samples)
    {
        // One pass to bound the size (labels + the largest framing and sample), one pass to write: each sample's size is
        // computed once, while it is written.
        int bound = 0;
        foreach (ref readonly SeriesSample s in samples)
        {
            bound += MaxFramingBytes + (s.EncodedLabels?.Length ?? TimeSeriesWriter.LabelsSize(s.Labels));
        }
        if (_raw.Length < bound) _raw = new byte[Math.Max(bound, _raw.Length * 2)];
        // Written straight into the buffer: CodedOutputStream cannot copy pre-encoded bytes (WriteRawBytes is internal).
        Span<byte> dst = _raw;
        int pos = 0;
        foreach (ref readonly SeriesSample s in samples)
        {
            // Fast path: labels encoded once per series by the caller; else encoded here (allocates).
            byte[] labels = s.EncodedLabels ?? TimeSeriesWriter.EncodeLabels(s.Labels);
            int sampleSize = TimeSeriesWriter.SampleSize(s.T, s.V);   // at most 9 + 11 bytes: one varint byte
            dst[pos++] = TimeseriesTag;
            pos += Varint.PutUvarint(dst[pos..], (ulong)(labels.Length + 2 + sampleSize));
            labels.CopyTo(dst[pos..]);
            pos += labels.Length;
            dst[pos++] = TimeSeriesWriter.SamplesTag;
            dst[pos++] = (byte)sampleSize;
            if (BitConverter.DoubleToUInt64Bits(s.V) != 0)
            {
                dst[pos++] = TimeSeriesWriter.SampleValueTag;
                System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(dst[pos..], s.V);
                pos += 8;
            }
            if (s.T != 0)
            {
                dst[pos++] = TimeSeriesWriter.SampleTimestampTag;
                pos += Varint.PutUvarint(dst[pos..], (ulong)s.T);
            }
        }
        UncompressedSize = pos;
        return CompressRaw(pos);
    }

    /// <summary>A WriteRequest of metadata only, as Prometheus sends metadata separately from samples.</summary>
    public ReadOnlyMemory<byte> EncodeMetadata(IReadOnlyList<MetricMetadata> metadata) => Encode(new WriteRequest([], metadata));

    /// <summary>Any WriteRequest, labels written in the order given (tests, tools; the send path uses the span overload).</summary>
    public ReadOnlyMemory<byte> Encode(WriteRequest request)
    {
        int size = 0;
        foreach (var ts in request.Timeseries) size += TimeSeriesWriter.Field(SeriesSize(ts));
        foreach (var m in request.Metadata) size += TimeSeriesWriter.Field(MetadataSize(m));
        var output = Output(size);
        foreach (var ts in request.Timeseries)
        {
            output.WriteRawTag(TimeseriesTag);
            output.WriteLength(SeriesSize(ts));
            foreach (Label l in ts.Labels) TimeSeriesWriter.WriteLabel(output, TimeSeriesWriter.LabelsTag, l.Name, l.Value);
            foreach (Sample s in ts.Samples) TimeSeriesWriter.WriteSample(output, s.T, s.V);
            foreach (Exemplar e in ts.Exemplars)
            {
                output.WriteRawTag(TimeSeriesWriter.ExemplarsTag);
                output.WriteLength(ExemplarSize(e));
                foreach (Label l in e.Labels) TimeSeriesWriter.WriteLabel(output, TimeSeriesWriter.LabelsTag, l.Name, l.Value);
                if (BitConverter.DoubleToUInt64Bits(e.Value) != 0)
                {
                    output.WriteRawTag(ExemplarValueTag);
                    output.WriteDouble(e.Value);
                }
                if (e.TimestampMs != 0)
                {
                    output.WriteRawTag(ExemplarTimestampTag);
                    output.WriteInt64(e.TimestampMs);
                }
            }
        }
        foreach (var m in request.Metadata)
        {
            output.WriteRawTag(MetadataTag);
            output.WriteLength(MetadataSize(m));
            if (m.Type != MetricMetadataType.Unknown)
            {
                output.WriteRawTag(MetadataTypeTag);
                output.WriteEnum((int)m.Type);
            }
            WriteString(output, MetadataNameTag, m.MetricFamilyName);
            WriteString(output, MetadataHelpTag, m.Help);
            WriteString(output, MetadataUnitTag, m.Unit);
        }
        return Compress(output, size);
    }

    private static int SeriesSize(TimeSeries ts)
    {
        int size = 0;
        foreach (Label l in ts.Labels) size += TimeSeriesWriter.Field(TimeSeriesWriter.LabelSize(l.Name, l.Value));
        foreach (Sample s in ts.Samples) size += TimeSeriesWriter.Field(TimeSeriesWriter.SampleSize(s.T, s.V));
        foreach (Exemplar e in ts.Exemplars) size += TimeSeriesWriter.Field(ExemplarSize(e));
        return size;
    }

    private static int ExemplarSize(Exemplar e)
    {
        int size = TimeSeriesWriter.LabelsSize(e.Labels);
        if (BitConverter.DoubleToUInt64Bits(e.Value) != 0) size += 9;
        if (e.TimestampMs != 0) size += 1 + CodedOutputStream.ComputeInt64Size(e.TimestampMs);
        return size;
    }

    private static int MetadataSize(MetricMetadata m) =>
        (m.Type == MetricMetadataType.Unknown ? 0 : 1 + CodedOutputStream.ComputeEnumSize((int)m.Type)) +
        StringSize(m.MetricFamilyName) + StringSize(m.Help) + StringSize(m.Unit);

    private static int StringSize(string s) => s.Length == 0 ? 0 : 1 + CodedOutputStream.ComputeStringSize(s);

    private static void WriteString(CodedOutputStream output, byte tag, string s)
    {
        if (s.Length == 0) return;
        output.WriteRawTag(tag);
        output.WriteString(s);
    }

    private CodedOutputStream Output(int size)
    {
        if (_raw.Length < size) _raw = new byte[Math.Max(size, _raw.Length * 2)];
        UncompressedSize = size;
        return new CodedOutputStream(_raw);
    }

    private ReadOnlyMemory<byte> Compress(CodedOutputStream output, int size)
    {
        output.Flush();
        if (output.Position != size) throw new InvalidOperationException($"BUG: WriteRequest sized {size} bytes but {output.Position} were written");
        return CompressRaw(size);
    }

    private ReadOnlyMemory<byte> CompressRaw(int size)
    {
        int max = Snappy.GetMaxCompressedLength(size);
        if (_compressed.Length < max) _compressed = new byte[Math.Max(max, _compressed.Length * 2)];
        int n = Snappy.Compress(_raw.AsSpan(0, size), _compressed);
        return _compressed.AsMemory(0, n);
    }
}
