using Argus.Model;
using Argus.Remote.Protocol;
using Google.Protobuf;

namespace Argus.Remote.Read;

/// <summary>
/// Encodes prompb.ReadResponse (SAMPLES type): <c>results = 1</c> (QueryResult, one per query in request order) →
/// <c>timeseries = 1</c> (TimeSeries) → <c>labels = 1</c> (Label: <c>name = 1</c>, <c>value = 2</c>) and
/// <c>samples = 2</c> (Sample: <c>value = 1</c> double, <c>timestamp = 2</c> int64 ms). Zero values are omitted, as
/// proto3 encoders (and Prometheus's gogo-protobuf) do; the TimeSeries are written by the remote-write
/// <see cref="TimeSeriesWriter"/>. Sizes are computed first, so the message is written into one exactly sized array.
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
            foreach (var s in results[i]) size += TimeSeriesWriter.Field(TimeSeriesWriter.Size(s.Labels, s.Samples));
            resultSizes[i] = size;
            total += TimeSeriesWriter.Field(size);
        }
        var buffer = new byte[total];
        var output = new CodedOutputStream(buffer);
        for (int i = 0; i < results.Count; i++)
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteLength(resultSizes[i]);
            foreach (var s in results[i])
            {
                output.WriteTag(1, WireFormat.WireType.LengthDelimited);
                output.WriteLength(TimeSeriesWriter.Size(s.Labels, s.Samples));
                TimeSeriesWriter.Write(output, s.Labels, s.Samples);
            }
        }
        output.CheckNoSpaceLeft();
        return buffer;
    }
}
