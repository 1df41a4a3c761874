using Argus.Model;
using Google.Protobuf;

namespace Argus.Remote.Read;

/// <summary>
/// Encodes prompb.ReadResponse (SAMPLES type): <c>results = 1</c> (QueryResult, one per query in request order) →
/// <c>timeseries = 1</c> (TimeSeries) → <c>labels = 1</c> (Label: <c>name = 1</c>, <c>value = 2</c>) and
/// <c>samples = 2</c> (Sample: <c>value = 1</c> double, <c>timestamp = 2</c> int64 ms). Zero values are omitted, as
/// proto3 encoders (and Prometheus's gogo-protobuf) do. Sizes are computed first, so the message is written into one
/// exactly sized array without intermediate buffers.
/// </summary>
public static class ReadResponseEncoder
{
    public static byte[] Encode(IReadOnlyList<IReadOnlyList<ReadSeries>> results)
    {
        int total = 0;
        var resultSizes = new int[results.Count];
        for (int i = 0; i < results.Count; i++)
        {
            int size = 0;
            foreach (var s in results[i]) size += Nested(1, SeriesSize(s));
            resultSizes[i] = size;
            total += Nested(1, size);
        }
        var buffer = new byte[total];
        var output = new CodedOutputStream(buffer);
        for (int i = 0; i < results.Count; i++)
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteLength(resultSizes[i]);
            foreach (var s in results[i]) WriteSeries(output, s);
        }
        output.CheckNoSpaceLeft();
        return buffer;
    }

    private static void WriteSeries(CodedOutputStream output, ReadSeries series)
    {
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteLength(SeriesSize(series));
        foreach (var l in series.Labels)
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteLength(LabelSize(l));
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteString(l.Name);
            output.WriteTag(2, WireFormat.WireType.LengthDelimited);
            output.WriteString(l.Value);
        }
        foreach (var s in series.Samples)
        {
            output.WriteTag(2, WireFormat.WireType.LengthDelimited);
            output.WriteLength(SampleSize(s));
            if (BitConverter.DoubleToUInt64Bits(s.V) != 0)
            {
                output.WriteTag(1, WireFormat.WireType.Fixed64);
                output.WriteDouble(s.V);
            }
            if (s.T != 0)
            {
                output.WriteTag(2, WireFormat.WireType.Varint);
                output.WriteInt64(s.T);
            }
        }
    }

    private static int SeriesSize(ReadSeries series)
    {
        int size = 0;
        foreach (var l in series.Labels) size += Nested(1, LabelSize(l));
        foreach (var s in series.Samples) size += Nested(2, SampleSize(s));
        return size;
    }

    private static int LabelSize(Label l) =>
        CodedOutputStream.ComputeTagSize(1) + CodedOutputStream.ComputeStringSize(l.Name)
        + CodedOutputStream.ComputeTagSize(2) + CodedOutputStream.ComputeStringSize(l.Value);

    // +0.0 has all bits zero and is omitted; -0.0 is not zero bits and is kept, so its sign survives.
    private static int SampleSize(Sample s) =>
        (BitConverter.DoubleToUInt64Bits(s.V) != 0 ? 1 + 8 : 0) + (s.T != 0 ? 1 + CodedOutputStream.ComputeInt64Size(s.T) : 0);

    private static int Nested(int field, int size) =>
        CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeLengthSize(size) + size;
}
