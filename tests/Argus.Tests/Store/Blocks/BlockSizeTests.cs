using Argus.Store.Blocks;
using Xunit.Abstractions;

namespace Argus.Tests.Store.Blocks;

/// <summary>
/// The on-disk size of a full 2h block of Kubernetes-shaped data, printed for docs/format/block.md. Prometheus stores the
/// same XOR chunk bytes plus 7 bytes per chunk in its chunk files (uvarint length, encoding byte, CRC32), so the comparison
/// is made on the same data rather than against a figure measured on other data.
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

        double samples = meta.Stats.NumSamples;
        double chunkPerSample = block.ChunkBytes / samples;
        double totalPerSample = block.SizeBytes / samples;
        double indexPerSeries = (double)block.IndexBytes / meta.Stats.NumSeries;
        // Prometheus's layout for the same chunks: +7 bytes per chunk; its index v2 stores 4-byte postings, 16-byte-aligned
        // series entries and a separate postings offset table, so we only compare chunks, where the encodings are equal.
        double promChunkPerSample = (block.ChunkBytes + 7.0 * meta.Stats.NumChunks) / samples;
        output.WriteLine($"{meta.Stats.NumSeries} series, {meta.Stats.NumSamples} samples, {meta.Stats.NumChunks} chunks");
        output.WriteLine($"chunks: {block.ChunkBytes} B = {chunkPerSample:F3} B/sample (Prometheus layout on the same data: {promChunkPerSample:F3})");
        output.WriteLine($"index: {block.IndexBytes} B = {indexPerSeries:F1} B/series");
        output.WriteLine($"total: {block.SizeBytes} B = {totalPerSample:F3} B/sample");

        Assert.Equal(series, meta.Stats.NumSeries);
        Assert.True(chunkPerSample < promChunkPerSample, "chunk files must be smaller than Prometheus's layout of the same chunks");
        Assert.True(indexPerSeries < 120, $"index {indexPerSeries:F1} B/series; Prometheus needs ~150 B/series for such label sets");
    }
}
