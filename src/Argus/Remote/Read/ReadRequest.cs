using Argus.Model;
using Google.Protobuf;

namespace Argus.Remote.Read;

/// <summary>
/// prompb.ReadRequest, decoded by hand from its protobuf bytes (after snappy): <c>queries = 1</c> (Query),
/// <c>accepted_response_types = 2</c> (packed or unpacked enum). Query: <c>start_timestamp_ms = 1</c>,
/// <c>end_timestamp_ms = 2</c>, <c>matchers = 3</c> (LabelMatcher: <c>type = 1</c> EQ/NEQ/RE/NRE, <c>name = 2</c>,
/// <c>value = 3</c>), <c>hints = 4</c> (ReadHints: <c>step_ms = 1</c>, <c>func = 2</c>, <c>start_ms = 3</c>,
/// <c>end_ms = 4</c>, <c>grouping = 5</c>, <c>by = 6</c>, <c>range_ms = 7</c>). Unknown fields are skipped by wire type,
/// so newer clients can add fields. Layout from prometheus:prompb/remote.proto and types.proto.
/// </summary>
public sealed record ReadRequest(IReadOnlyList<ReadQuery> Queries, IReadOnlyList<ReadResponseType> AcceptedResponseTypes)
{
    /// <summary>Decodes an uncompressed ReadRequest; throws <see cref="RemoteReadException"/> (400) naming the bad part.</summary>
    public static ReadRequest Parse(byte[] protobuf)
    {
        try
        {
            var queries = new List<ReadQuery>();
            var accepted = new List<ReadResponseType>();
            var input = new CodedInputStream(protobuf);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case 1 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                        queries.Add(ParseQuery(input.ReadBytes(), queries.Count));
                        break;
                    case 2 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                        var packed = new CodedInputStream(input.ReadBytes().ToByteArray());
                        while (!packed.IsAtEnd) accepted.Add((ReadResponseType)packed.ReadEnum());
                        break;
                    case 2 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint:
                        accepted.Add((ReadResponseType)input.ReadEnum());
                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }
            return new ReadRequest(queries, accepted);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RemoteReadException(400, $"cannot decode remote read request: {e.Message}", e);
        }
    }

    private static ReadQuery ParseQuery(ByteString bytes, int index)
    {
        long start = 0, end = 0;
        var matchers = new List<Matcher>();
        ReadHints? hints = null;
        var input = new CodedInputStream(bytes.ToByteArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint: start = input.ReadInt64(); break;
                case 2 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint: end = input.ReadInt64(); break;
                case 3 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    matchers.Add(ParseMatcher(input.ReadBytes(), index));
                    break;
                case 4 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    hints = ParseHints(input.ReadBytes());
                    break;
                default: input.SkipLastField(); break;
            }
        }
        return new ReadQuery(start, end, matchers, hints);
    }

    private static Matcher ParseMatcher(ByteString bytes, int queryIndex)
    {
        int type = 0;
        string name = "", value = "";
        var input = new CodedInputStream(bytes.ToByteArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint: type = input.ReadEnum(); break;
                case 2 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited: name = input.ReadString(); break;
                case 3 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited: value = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }
        MatcherType matcherType = type switch
        {
            0 => MatcherType.Equal,
            1 => MatcherType.NotEqual,
            2 => MatcherType.Regexp,
            3 => MatcherType.NotRegexp,
            _ => throw new RemoteReadException(400, $"query {queryIndex}: invalid matcher type {type} for label \"{name}\" (0 EQ, 1 NEQ, 2 RE, 3 NRE)"),
        };
        try
        {
            return new Matcher(matcherType, name, value);
        }
        catch (FormatException e)
        {
            throw new RemoteReadException(400, $"query {queryIndex}: {e.Message}", e);
        }
    }

    private static ReadHints ParseHints(ByteString bytes)
    {
        long step = 0, start = 0, end = 0, range = 0;
        string func = "";
        bool by = false;
        var grouping = new List<string>();
        var input = new CodedInputStream(bytes.ToByteArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var wire = WireFormat.GetTagWireType(tag);
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when wire == WireFormat.WireType.Varint: step = input.ReadInt64(); break;
                case 2 when wire == WireFormat.WireType.LengthDelimited: func = input.ReadString(); break;
                case 3 when wire == WireFormat.WireType.Varint: start = input.ReadInt64(); break;
                case 4 when wire == WireFormat.WireType.Varint: end = input.ReadInt64(); break;
                case 5 when wire == WireFormat.WireType.LengthDelimited: grouping.Add(input.ReadString()); break;
                case 6 when wire == WireFormat.WireType.Varint: by = input.ReadBool(); break;
                case 7 when wire == WireFormat.WireType.Varint: range = input.ReadInt64(); break;
                default: input.SkipLastField(); break;
            }
        }
        return new ReadHints(step, func, start, end, grouping, by, range);
    }
}
