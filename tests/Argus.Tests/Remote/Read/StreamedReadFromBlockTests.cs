using Argus.Model;
using Argus.Remote.Read;
using Argus.Store.Blocks;
using Argus.Store.Chunks;
using Argus.Tests.Store.Blocks;
using Snappier;

namespace Argus.Tests.Remote.Read;

/// <summary>
/// STREAMED_XOR_CHUNKS remote read from a block whose chunks are partly decimal-encoded: Prometheus only knows XOR (and its
/// histogram encodings), so every chunk on the wire must be XOR and decode to the block's exact samples.
/// </summary>
public sealed class StreamedReadFromBlockTests : IDisposable
{
    private const long H2 = 2 * 3600_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-rread-block-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task StreamChunks_DecimalChunksInBlock_SentAsXorWithTheSameSamples()
    {
        var data = BlockChunkEncodingTests.MixedSeries(0);
        using var source = new MemoryQuerier(data, long.MinValue, long.MaxValue);
        var meta = BlockWriter.Write(_dir, source, 0, H2, null, nowMs: 1_700_000_000_000)!;
        using var block = Block.Open(Path.Combine(_dir, meta.Ulid));
        Assert.Contains(ChunkEncoding.Decimal, BlockChunkEncodingTests.Encodings(block.Dir));
        var handler = new RemoteReadHandler(() => block, () => Labels.Empty, new RemoteReadOptions());

        var query = new ReadWire.Query(0, H2, [(0, "job", "a")]);
        var request = handler.Decode(Snappy.CompressToArray(ReadWire.EncodeRequest([query], 1)));
        using var output = new MemoryStream();
        await handler.StreamChunksAsync(request, output, CancellationToken.None);
        var frames = ChunkedWire.Decode(output.ToArray());

        Assert.All(frames, f => Assert.All(f.Chunks, c => Assert.Equal(ChunkedSeriesEncoder.XorEncoding, c.Type)));
        var series = Assert.Single(ChunkedWire.Series(frames, 1));
        Assert.Equal(data.Keys.Order(Comparer<Labels>.Create(Labels.Compare)), series.Select(s => s.Labels));
        foreach (var (labels, samples) in series)
        {
            Assert.Equal(data[labels].Select(s => (s.T, BitConverter.DoubleToUInt64Bits(s.V))),
                samples.Select(s => (s.T, BitConverter.DoubleToUInt64Bits(s.V))));
        }
    }
}
