using Argus.Model;

namespace Argus.Remote.Protocol;

/// <summary>
/// Decodes remote write 1.0 bodies: snappy block format around a prometheus.WriteRequest. Unknown fields are skipped by
/// wire type (field 2, reserved, included); native histograms (TimeSeries field 4) are counted and skipped. Errors are
/// <see cref="InvalidDataException"/>s naming the byte offset in the decompressed protobuf.
/// </summary>
public static class WriteRequestDecoder
{
    /// <summary>Largest decompressed body accepted: the declared length is checked before anything is allocated.</summary>
    public const int DefaultMaxUncompressedBytes = 64 << 20;

    /// <summary>Decompresses and decodes. Throws <see cref="InvalidDataException"/> for a bad snappy block or protobuf.</summary>
    public static WriteRequest DecodeSnappy(ReadOnlySpan<byte> body, int maxUncompressedBytes = DefaultMaxUncompressedBytes) =>
        Decode(SnappyBlock.Decompress(body, maxUncompressedBytes,
            length => new InvalidDataException($"snappy: declared length {length} exceeds the limit of {maxUncompressedBytes} bytes"),
            e => new InvalidDataException($"snappy: corrupt input: {e.Message}", e)));

    public static WriteRequest Decode(ReadOnlySpan<byte> protobuf)
    {
        var timeseries = new List<TimeSeries>();
        var metadata = new List<MetricMetadata>();
        var r = new ProtoReader(protobuf);
        while (r.ReadTag(out int field, out int wire))
        {
            switch (field)
            {
                case 1:
                    r.Expect(field, wire, ProtoReader.LengthDelimited);
                    var ts = r.ReadBytes(out int at);
                    timeseries.Add(DecodeTimeSeries(ts, at));
                    break;
                case 3:
                    r.Expect(field, wire, ProtoReader.LengthDelimited);
                    var md = r.ReadBytes(out at);
                    metadata.Add(DecodeMetadata(md, at));
                    break;
                default:
                    r.Skip(wire);
                    break;
            }
        }
        return new WriteRequest(timeseries, metadata);
    }

    private static TimeSeries DecodeTimeSeries(ReadOnlySpan<byte> data, int offset)
    {
        var labels = new List<Label>();
        var samples = new List<Sample>(1);
        List<Exemplar>? exemplars = null;
        int histograms = 0;
        var r = new ProtoReader(data, offset);
        while (r.ReadTag(out int field, out int wire))
        {
            switch (field)
            {
                case 1:
                    r.Expect(field, wire, ProtoReader.LengthDelimited);
                    var l = r.ReadBytes(out int at);
                    labels.Add(DecodeLabel(l, at));
                    break;
                case 2:
                    r.Expect(field, wire, ProtoReader.LengthDelimited);
                    var s = r.ReadBytes(out at);
                    samples.Add(DecodeSample(s, at));
                    break;
                case 3:
                    r.Expect(field, wire, ProtoReader.LengthDelimited);
                    var e = r.ReadBytes(out at);
                    (exemplars ??= []).Add(DecodeExemplar(e, at));
                    break;
                case 4:
                    histograms++;
                    r.Skip(wire);
                    break;
                default:
                    r.Skip(wire);
                    break;
            }
        }
        return new TimeSeries(labels, samples, (IReadOnlyList<Exemplar>?)exemplars ?? [], histograms);
    }

    private static Label DecodeLabel(ReadOnlySpan<byte> data, int offset)
    {
        string name = "", value = "";
        var r = new ProtoReader(data, offset);
        while (r.ReadTag(out int field, out int wire))
        {
            switch (field)
            {
                case 1:
                    r.Expect(field, wire, ProtoReader.LengthDelimited);
                    name = r.ReadString();
                    break;
                case 2:
                    r.Expect(field, wire, ProtoReader.LengthDelimited);
                    value = r.ReadString();
                    break;
                default:
                    r.Skip(wire);
                    break;
            }
        }
        return new Label(name, value);
    }

    private static Sample DecodeSample(ReadOnlySpan<byte> data, int offset)
    {
        double v = 0;
        long t = 0;
        var r = new ProtoReader(data, offset);
        while (r.ReadTag(out int field, out int wire))
        {
            switch (field)
            {
                case 1:
                    r.Expect(field, wire, ProtoReader.Fixed64);
                    v = r.ReadDouble();
                    break;
                case 2:
                    r.Expect(field, wire, ProtoReader.Varint);
                    t = (long)r.ReadVarint();
                    break;
                default:
                    r.Skip(wire);
                    break;
            }
        }
        return new Sample(t, v);
    }

    private static Exemplar DecodeExemplar(ReadOnlySpan<byte> data, int offset)
    {
        var labels = new List<Label>();
        double v = 0;
        long t = 0;
        var r = new ProtoReader(data, offset);
        while (r.ReadTag(out int field, out int wire))
        {
            switch (field)
            {
                case 1:
                    r.Expect(field, wire, ProtoReader.LengthDelimited);
                    var l = r.ReadBytes(out int at);
                    labels.Add(DecodeLabel(l, at));
                    break;
                case 2:
                    r.Expect(field, wire, ProtoReader.Fixed64);
                    v = r.ReadDouble();
                    break;
                case 3:
                    r.Expect(field, wire, ProtoReader.Varint);
                    t = (long)r.ReadVarint();
                    break;
                default:
                    r.Skip(wire);
                    break;
            }
        }
        return new Exemplar(Labels.FromList(labels), v, t);
    }

    private static MetricMetadata DecodeMetadata(ReadOnlySpan<byte> data, int offset)
    {
        var type = MetricMetadataType.Unknown;
        string name = "", help = "", unit = "";
        var r = new ProtoReader(data, offset);
        while (r.ReadTag(out int field, out int wire))
        {
            switch (field)
            {
                case 1:
                    r.Expect(field, wire, ProtoReader.Varint);
                    type = (MetricMetadataType)(int)r.ReadVarint();
                    break;
                case 2:
                    r.Expect(field, wire, ProtoReader.LengthDelimited);
                    name = r.ReadString();
                    break;
                case 4:
                    r.Expect(field, wire, ProtoReader.LengthDelimited);
                    help = r.ReadString();
                    break;
                case 5:
                    r.Expect(field, wire, ProtoReader.LengthDelimited);
                    unit = r.ReadString();
                    break;
                default:
                    r.Skip(wire);
                    break;
            }
        }
        return new MetricMetadata(type, name, help, unit);
    }
}
