using Argus.Model;
using Argus.Remote.Read;
using Google.Protobuf;

namespace Argus.Tests.Remote.Read;

/// <summary>
/// The client side of the remote read wire format, written independently of the product's codec from
/// prometheus:prompb/remote.proto: encodes ReadRequests and decodes ReadResponses, so tests speak to the server as a
/// Prometheus remote_read client does.
/// </summary>
internal static class ReadWire
{
    public sealed record Query(long StartMs, long EndMs, (int Type, string Name, string Value)[] Matchers, string? HintFunc = null);

    public static byte[] EncodeRequest(IEnumerable<Query> queries, params int[] acceptedTypes)
    {
        using var ms = new MemoryStream();
        var o = new CodedOutputStream(ms);
        foreach (var q in queries)
        {
            byte[] query = Message(w =>
            {
                if (q.StartMs != 0) { w.WriteTag(1, WireFormat.WireType.Varint); w.WriteInt64(q.StartMs); }
                if (q.EndMs != 0) { w.WriteTag(2, WireFormat.WireType.Varint); w.WriteInt64(q.EndMs); }
                foreach (var (type, name, value) in q.Matchers)
                {
                    w.WriteTag(3, WireFormat.WireType.LengthDelimited);
                    w.WriteBytes(ByteString.CopyFrom(Message(m =>
                    {
                        if (type != 0) { m.WriteTag(1, WireFormat.WireType.Varint); m.WriteEnum(type); }
                        m.WriteTag(2, WireFormat.WireType.LengthDelimited); m.WriteString(name);
                        m.WriteTag(3, WireFormat.WireType.LengthDelimited); m.WriteString(value);
                    })));
                }
                if (q.HintFunc is { } func)
                {
                    w.WriteTag(4, WireFormat.WireType.LengthDelimited);
                    w.WriteBytes(ByteString.CopyFrom(Message(h =>
                    {
                        h.WriteTag(1, WireFormat.WireType.Varint); h.WriteInt64(15_000);
                        h.WriteTag(2, WireFormat.WireType.LengthDelimited); h.WriteString(func);
                        h.WriteTag(5, WireFormat.WireType.LengthDelimited); h.WriteString("job");
                        h.WriteTag(6, WireFormat.WireType.Varint); h.WriteBool(true);
                        h.WriteTag(99, WireFormat.WireType.Varint); h.WriteInt64(7); // an unknown field is skipped
                    })));
                }
            });
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(query));
        }
        if (acceptedTypes.Length > 0)
        {
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(Message(p => { foreach (int t in acceptedTypes) p.WriteEnum(t); })));
        }
        o.Flush();
        return ms.ToArray();
    }

    /// <summary>results → series → (labels, samples), in wire order.</summary>
    public static List<List<(Labels Labels, List<Sample> Samples)>> DecodeResponse(byte[] protobuf)
    {
        var results = new List<List<(Labels, List<Sample>)>>();
        var input = new CodedInputStream(protobuf);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            Assert.Equal(1, WireFormat.GetTagFieldNumber(tag));
            var series = new List<(Labels, List<Sample>)>();
            var result = new CodedInputStream(input.ReadBytes().ToByteArray());
            while ((tag = result.ReadTag()) != 0)
            {
                Assert.Equal(1, WireFormat.GetTagFieldNumber(tag));
                var ts = new CodedInputStream(result.ReadBytes().ToByteArray());
                var labels = new List<Label>();
                var samples = new List<Sample>();
                while ((tag = ts.ReadTag()) != 0)
                {
                    var inner = new CodedInputStream(ts.ReadBytes().ToByteArray());
                    if (WireFormat.GetTagFieldNumber(tag) == 1)
                    {
                        string name = "", value = "";
                        while ((tag = inner.ReadTag()) != 0)
                        {
                            if (WireFormat.GetTagFieldNumber(tag) == 1) name = inner.ReadString(); else value = inner.ReadString();
                        }
                        labels.Add(new Label(name, value));
                    }
                    else
                    {
                        double v = 0;
                        long t = 0;
                        while ((tag = inner.ReadTag()) != 0)
                        {
                            if (WireFormat.GetTagFieldNumber(tag) == 1) v = inner.ReadDouble(); else t = inner.ReadInt64();
                        }
                        samples.Add(new Sample(t, v));
                    }
                }
                series.Add((Labels.FromPairs(labels), samples));
            }
            results.Add(series);
        }
        return results;
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var ms = new MemoryStream();
        var o = new CodedOutputStream(ms);
        write(o);
        o.Flush();
        return ms.ToArray();
    }
}
