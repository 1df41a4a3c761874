using Argus.Model;
using Argus.Store.Chunks;
using Google.Protobuf;

namespace Argus.Tests.Remote.Read;

/// <summary>
/// The client side of a STREAMED_XOR_CHUNKS remote read, written from prometheus:storage/remote/chunked.go (ChunkedReader)
/// and prompb/remote.proto, types.proto, independently of the product's encoder: splits the body into frames (uvarint
/// length, big-endian CRC-32C, message), checks each checksum with its own bitwise CRC, decodes the ChunkedReadResponse
/// messages and the XOR chunks in them (with the store's chunk iterator, which is tested against Prometheus's chunks).
/// </summary>
internal static class ChunkedWire
{
    public sealed record Chunk(long MinTimeMs, long MaxTimeMs, int Type, byte[] Data, int MessageBytes)
    {
        public List<Sample> Samples()
        {
            var it = new XorIterator(ChunkSnapshot.FromEncoded(Data, 0, Data.Length));
            var samples = new List<Sample>();
            while (it.Next()) samples.Add(new Sample(it.T, it.V));
            Assert.Null(it.Error);
            return samples;
        }
    }

    /// <summary>One decoded frame: its query, its one series (labels and chunks) and the frame's message size.</summary>
    public sealed record Frame(long QueryIndex, Labels Labels, List<Chunk> Chunks, int MessageBytes, int LabelBytes);

    public static List<Frame> Decode(byte[] body)
    {
        var frames = new List<Frame>();
        int pos = 0;
        while (pos < body.Length)
        {
            ulong size = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte b = body[pos++];
                size |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80) break;
            }
            uint crc = (uint)(body[pos] << 24 | body[pos + 1] << 16 | body[pos + 2] << 8 | body[pos + 3]);
            pos += 4;
            var message = body.AsSpan(pos, (int)size).ToArray();
            pos += (int)size;
            Assert.True(crc == Castagnoli(message), $"frame {frames.Count}: checksum mismatch");
            frames.Add(DecodeMessage(message));
        }
        return frames;
    }

    /// <summary>The frames regrouped as the client sees them: per query, per series (in order), the samples of all its chunks.</summary>
    public static List<List<(Labels Labels, List<Sample> Samples)>> Series(List<Frame> frames, int queries)
    {
        var results = Enumerable.Range(0, queries).Select(_ => new List<(Labels Labels, List<Sample> Samples)>()).ToList();
        foreach (var f in frames)
        {
            var result = results[(int)f.QueryIndex];
            if (result.Count == 0 || !result[^1].Labels.Equals(f.Labels)) result.Add((f.Labels, []));
            foreach (var c in f.Chunks) result[^1].Samples.AddRange(c.Samples());
        }
        return results;
    }

    private static Frame DecodeMessage(byte[] message)
    {
        long queryIndex = 0;
        int series = 0;
        Labels labels = Labels.Empty;
        var chunks = new List<Chunk>();
        int labelBytes = 0;
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    series++;
                    var s = new CodedInputStream(input.ReadBytes().ToByteArray());
                    var pairs = new List<Label>();
                    while ((tag = s.ReadTag()) != 0)
                    {
                        var inner = s.ReadBytes().ToByteArray();
                        if (WireFormat.GetTagFieldNumber(tag) == 1)
                        {
                            labelBytes += inner.Length;
                            pairs.Add(DecodeLabel(inner));
                        }
                        else
                        {
                            Assert.Equal(2, WireFormat.GetTagFieldNumber(tag));
                            chunks.Add(DecodeChunk(inner));
                        }
                    }
                    labels = Labels.FromPairs(pairs);
                    Assert.Equal(pairs.Select(p => p.Name), labels.Select(l => l.Name)); // sent sorted, no duplicates
                    break;
                case 2:
                    queryIndex = input.ReadInt64();
                    break;
                default:
                    Assert.Fail($"unexpected ChunkedReadResponse field {WireFormat.GetTagFieldNumber(tag)}");
                    break;
            }
        }
        Assert.Equal(1, series); // Prometheus sends exactly one series per frame
        return new Frame(queryIndex, labels, chunks, message.Length, labelBytes);
    }

    private static Label DecodeLabel(byte[] bytes)
    {
        string name = "", value = "";
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1) name = input.ReadString(); else value = input.ReadString();
        }
        return new Label(name, value);
    }

    private static Chunk DecodeChunk(byte[] bytes)
    {
        long min = 0, max = 0;
        int type = 0;
        byte[] data = [];
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: min = input.ReadInt64(); break;
                case 2: max = input.ReadInt64(); break;
                case 3: type = input.ReadEnum(); break;
                case 4: data = input.ReadBytes().ToByteArray(); break;
                default: Assert.Fail($"unexpected Chunk field {WireFormat.GetTagFieldNumber(tag)}"); break;
            }
        }
        return new Chunk(min, max, type, data, bytes.Length);
    }

    /// <summary>CRC-32C bit by bit (reflected polynomial 0x82F63B78), deliberately unlike the product's table/instruction code.</summary>
    public static uint Castagnoli(ReadOnlySpan<byte> data)
    {
        uint crc = ~0u;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }
}
