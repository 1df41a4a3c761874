using Argus.Store.Blocks;
using Xunit.Abstractions;

namespace Argus.Tests.Store.Blocks;

/// <summary>
/// The on-disk size of a full 2h block of Kubernetes-shaped data, printed for docs/format/block.md, with the chunks in the
/// default encodings (decimal where smaller) and in XOR only. Prometheus stores the XOR chunk bytes plus 7 bytes per chunk
/// in its chunk files (uvarint length, encoding byte, CRC32), so the comparison is made on the same data rather than
/// against a figure measured on other data.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BlockSizeTests(ITestOutputHelper output) : IDisposable
{
    private const long H2 = 2 * 3600_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-blocksize-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void FullTwoHourBlock_BytesPerSample()
    {
        const int series = 2000;
        long start = 1_700_000_000_000 / H2 * H2;
        var data = KubernetesShapedData.Generate(series, start, start + H2);
        using var source = new MemoryQuerier(data, long.MinValue, long.MaxValue);
        var meta = BlockWriter.Write(_dir, source, start, start + H2, null, 1)!;
        using var block = Block.Open(Path.Combine(_dir, meta.Ulid));
        var xorMeta = BlockWriter.Write(_dir, source, start, start + H2, null, 2, xorOnly: true)!;
        using var xorBlock = Block.Open(Path.Combine(_dir, xorMeta.Ulid));

        double samples = meta.Stats.NumSamples;
        double chunkPerSample = block.ChunkBytes / samples;
        double totalPerSample = block.SizeBytes / samples;
        double indexPerSeries = (double)block.IndexBytes / meta.Stats.NumSeries;
        // Prometheus's layout for the XOR chunks: +6 bytes per chunk over Argus's XOR-only block (which has the encoding byte);
        // its index v2 stores 4-byte postings, 16-byte-aligned series entries and a separate postings offset table, so we only
        // compare chunks.
        double xorChunkPerSample = xorBlock.ChunkBytes / samples;
        double promChunkPerSample = (xorBlock.ChunkBytes + 6.0 * meta.Stats.NumChunks) / samples;
        output.WriteLine($"{meta.Stats.NumSeries} series, {meta.Stats.NumSamples} samples, {meta.Stats.NumChunks} chunks");
        output.WriteLine($"chunks: {block.ChunkBytes} B = {chunkPerSample:F3} B/sample; XOR only {xorChunkPerSample:F3}; Prometheus layout of the XOR chunks {promChunkPerSample:F3} (ratio {chunkPerSample / promChunkPerSample:F3})");
        output.WriteLine($"index: {block.IndexBytes} B = {indexPerSeries:F1} B/series");
        output.WriteLine($"total: {block.SizeBytes} B = {totalPerSample:F3} B/sample");

        Assert.Equal(series, meta.Stats.NumSeries);
        Assert.Equal(meta.Stats, xorMeta.Stats);
        Assert.True(xorChunkPerSample < promChunkPerSample, "XOR chunk files must be smaller than Prometheus's layout of the same chunks");
        Assert.True(chunkPerSample < 0.9 * xorChunkPerSample, $"decimal chunks saved too little: {chunkPerSample:F3} vs {xorChunkPerSample:F3} B/sample");
        Assert.True(indexPerSeries < 120, $"index {indexPerSeries:F1} B/series; Prometheus needs ~150 B/series for such label sets");
    }
}
