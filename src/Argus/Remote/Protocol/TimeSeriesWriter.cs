using Argus.Model;
using Google.Protobuf;

namespace Argus.Remote.Protocol;

/// <summary>
/// Encodes prometheus.TimeSeries, Label and Sample (prompb/types.proto) over <see cref="CodedOutputStream"/> with the
/// field numbers of the contract (../shared/contracts/remote-write.md §2). Sizes are computed first so that every message
/// is written once with its length prefix. Proto3 rules as Prometheus's marshaller applies them: empty strings, a zero
/// timestamp and a value whose bits are zero are omitted. Shared by remote write and remote read.
/// </summary>
public static class TimeSeriesWriter
{
    // Tags are (field << 3) | wire type: 0 varint, 1 fixed64, 2 length-delimited.
    internal const byte LabelsTag = (1 << 3) | 2;
    internal const byte SamplesTag = (2 << 3) | 2;
    internal const byte ExemplarsTag = (3 << 3) | 2;
    internal const byte LabelNameTag = (1 << 3) | 2;
    internal const byte LabelValueTag = (2 << 3) | 2;
    internal const byte SampleValueTag = (1 << 3) | 1;
    internal const byte SampleTimestampTag = (2 << 3) | 0;

    /// <summary>Body size of one Label message.</summary>
    public static int LabelSize(string name, string value) =>
        (name.Length == 0 ? 0 : 1 + CodedOutputStream.ComputeStringSize(name)) +
        (value.Length == 0 ? 0 : 1 + CodedOutputStream.ComputeStringSize(value));

    /// <summary>Body size of one Sample message.</summary>
    public static int SampleSize(long t, double v) =>
        (BitConverter.DoubleToUInt64Bits(v) == 0 ? 0 : 1 + 8) + (t == 0 ? 0 : 1 + CodedOutputStream.ComputeInt64Size(t));

    /// <summary>Body size of a TimeSeries holding <paramref name="labels"/> and <paramref name="samples"/>.</summary>
    public static int Size(Labels labels, ReadOnlySpan<Sample> samples)
    {
        int size = LabelsSize(labels);
        foreach (Sample s in samples) size += Field(SampleSize(s.T, s.V));
        return size;
    }

    /// <summary>Body size of a TimeSeries holding <paramref name="labels"/> and one sample.</summary>
    public static int Size(Labels labels, long t, double v) => LabelsSize(labels) + Field(SampleSize(t, v));

    /// <summary>Size of the repeated labels field of a TimeSeries.</summary>
    public static int LabelsSize(Labels labels)
    {
        int size = 0;
        foreach (Label l in labels) size += Field(LabelSize(l.Name, l.Value));
        return size;
    }

    /// <summary>The repeated labels field of a TimeSeries in wire form, to be cached per series and written with WriteRawBytes.</summary>
    public static byte[] EncodeLabels(Labels labels)
    {
        byte[] bytes = new byte[LabelsSize(labels)];
        var output = new CodedOutputStream(bytes);
        WriteLabels(output, labels);
        output.Flush();
        return bytes;
    }

    /// <summary>Writes a TimeSeries body (no tag, no length: the caller writes those with <see cref="Size(Labels, ReadOnlySpan{Sample})"/>).</summary>
    public static void Write(CodedOutputStream output, Labels labels, ReadOnlySpan<Sample> samples)
    {
        WriteLabels(output, labels);
        foreach (Sample s in samples) WriteSample(output, s.T, s.V);
    }

    /// <summary>Writes a TimeSeries body with one sample.</summary>
    public static void Write(CodedOutputStream output, Labels labels, long t, double v)
    {
        WriteLabels(output, labels);
        WriteSample(output, t, v);
    }

    public static void WriteLabels(CodedOutputStream output, Labels labels)
    {
        foreach (Label l in labels) WriteLabel(output, LabelsTag, l.Name, l.Value);
    }

    /// <summary>Writes one Label as field <paramref name="tag"/> of the enclosing message.</summary>
    internal static void WriteLabel(CodedOutputStream output, byte tag, string name, string value)
    {
        output.WriteRawTag(tag);
        output.WriteLength(LabelSize(name, value));
        if (name.Length != 0)
        {
            output.WriteRawTag(LabelNameTag);
            output.WriteString(name);
        }
        if (value.Length != 0)
        {
            output.WriteRawTag(LabelValueTag);
            output.WriteString(value);
        }
    }

    public static void WriteSample(CodedOutputStream output, long t, double v)
    {
        output.WriteRawTag(SamplesTag);
        output.WriteLength(SampleSize(t, v));
        if (BitConverter.DoubleToUInt64Bits(v) != 0)
        {
            output.WriteRawTag(SampleValueTag);
            output.WriteDouble(v);
        }
        if (t != 0)
        {
            output.WriteRawTag(SampleTimestampTag);
            output.WriteInt64(t);
        }
    }

    /// <summary>Size of a length-delimited field with a one-byte tag and a body of <paramref name="bodySize"/> bytes.</summary>
    public static int Field(int bodySize) => 1 + CodedOutputStream.ComputeLengthSize(bodySize) + bodySize;
}
