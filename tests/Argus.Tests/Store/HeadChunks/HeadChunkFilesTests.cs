using System.Buffers.Binary;
using Argus.Store.Chunks;
using Argus.Store.HeadChunks;
using Argus.Telemetry;
using Argus.Tests.Store.Head;
using Argus.Tests.Store.Wal;

namespace Argus.Tests.Store.HeadChunks;

public sealed class HeadChunkFilesTests : IDisposable
{
    private readonly WalTestDirectory _dir = new();
    private readonly CapturingLogger _logger = new();
    private MetricsRegistry _metrics = new();

    public void Dispose() => _dir.Dispose();

    private HeadChunkFiles Open(long maxFileBytes = HeadChunkFiles.DefaultMaxFileBytes)
    {
        _metrics = new MetricsRegistry();
        return HeadChunkFiles.Open(_dir.Path, _logger, _metrics, maxFileBytes);
    }

    /// <summary>An XOR chunk of <paramref name="n"/> samples from <paramref name="mint"/>, 15 s apart, values seeded.</summary>
    private static byte[] Chunk(long mint, int n, int seed)
    {
        var c = new XorChunk();
        for (int i = 0; i < n; i++) c.Append(mint + i * 15_000L, seed * 1000 + i * 0.25);
        return c.ToArray();
    }

    private static List<DiskChunk> Write(HeadChunkFiles files, int series, int perSeries)
    {
        var written = new List<DiskChunk>();
        for (int k = 0; k < perSeries; k++)
        {
            for (int s = 1; s <= series; s++)
            {
                long mint = k * 120 * 15_000L;
                var data = Chunk(mint, 120, s);
                files.Enqueue((ulong)s, mint, mint + 119 * 15_000L, data);
                written.Add(new DiskChunk((ulong)s, mint, mint + 119 * 15_000L, data, 0, data.Length));
            }
        }
        return written;
    }

    private static void AssertSame(IReadOnlyList<DiskChunk> expected, IReadOnlyList<DiskChunk> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal((expected[i].SeriesRef, expected[i].MinT, expected[i].MaxT), (actual[i].SeriesRef, actual[i].MinT, actual[i].MaxT));
            Assert.Equal(expected[i].Bytes.ToArray(), actual[i].Bytes.ToArray());
        }
    }

    [Fact]
    public void Load_AfterWritesOverSeveralFiles_ReturnsEveryChunkInWriteOrder()
    {
        List<DiskChunk> written;
        using (var files = Open(maxFileBytes: 1024))
        {
            Assert.Empty(files.Load());
            written = Write(files, series: 20, perSeries: 3);
            files.Flush();
            Assert.True(files.FileCount > 3, $"expected rotation at 1 KiB, got {files.FileCount} files");
            Assert.Equal(files.SizeBytes, TestHead.Value(_metrics, "argus_tsdb_head_chunks_storage_size_bytes"));
        }
        Assert.All(HeadChunkFiles.ListFiles(_dir.Path), i => Assert.True(new FileInfo(Path.Combine(_dir.Path, i.ToString("D6"))).Length <= 1024));
        using (var files = Open(maxFileBytes: 1024))
        {
            AssertSame(written, files.Load());
            Assert.Equal(0, TestHead.Value(_metrics, "argus_tsdb_mmap_chunk_corruptions_total"));
        }
    }

    [Fact]
    public void Write_File_HasPrometheusHeadChunkLayout()
    {
        var data = Chunk(1000, 3, 7);
        using (var files = Open())
        {
            files.Load();
            files.Enqueue(0x0102030405060708, 1000, 31_000, data);
        }
        byte[] bytes = File.ReadAllBytes(Path.Combine(_dir.Path, "000001"));
        Assert.Equal(0x0130BC91u, BinaryPrimitives.ReadUInt32BigEndian(bytes));
        Assert.Equal(1, bytes[4]);
        Assert.Equal(0x0102030405060708ul, BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(8)));
        Assert.Equal(1000, BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(16)));
        Assert.Equal(31_000, BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(24)));
        Assert.Equal(1, bytes[32]);                          // encoding: XOR
        Assert.Equal(data.Length, bytes[33]);                // uvarint length (one byte here)
        Assert.Equal(data, bytes.AsSpan(34, data.Length).ToArray());
        int end = 34 + data.Length;
        Assert.Equal(Argus.Store.Wal.Crc32C.Compute(bytes.AsSpan(8, end - 8)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(end)));
        Assert.Equal(end + 4, bytes.Length);
    }

    [Theory]
    [InlineData(1)]    // inside the CRC
    [InlineData(7)]    // inside the data
    [InlineData(30)]   // inside the fixed part
    public void Load_TornTail_TruncatesAtLastGoodRecordAndLogsFileAndOffset(int cutBytesFromEnd)
    {
        List<DiskChunk> written;
        using (var files = Open())
        {
            files.Load();
            written = Write(files, series: 5, perSeries: 2);
        }
        string path = Path.Combine(_dir.Path, "000001");
        long full = new FileInfo(path).Length;
        using (var f = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite)) RandomAccess.SetLength(f, full - cutBytesFromEnd);

        using (var files = Open())
        {
            var loaded = files.Load();
            AssertSame(written.Take(written.Count - 1).ToList(), loaded);
            Assert.Equal(1, TestHead.Value(_metrics, "argus_tsdb_mmap_chunk_corruptions_total"));
            long goodEnd = new FileInfo(path).Length;
            int len = written[^1].Length;
            Assert.Equal(full - (25 + (len < 128 ? 1 : 2) + len + 4), goodEnd);
            string warning = Assert.Single(_logger.Warnings);
            Assert.Contains(path, warning);
            Assert.Contains($"offset {goodEnd}", warning);
            // Writing goes on in a new file; the repaired one is never appended to.
            files.Enqueue(99, 0, 1, Chunk(0, 2, 1));
            files.Flush();
            Assert.Equal([1, 2], HeadChunkFiles.ListFiles(_dir.Path));
            Assert.Equal(goodEnd, new FileInfo(path).Length);
        }
    }

    [Fact]
    public void Load_CorruptRecordInAnOlderFile_DropsEverythingAfterIt()
    {
        List<DiskChunk> written;
        using (var files = Open(maxFileBytes: 1024))
        {
            files.Load();
            written = Write(files, series: 10, perSeries: 3);
        }
        var indexes = HeadChunkFiles.ListFiles(_dir.Path);
        Assert.True(indexes.Count >= 3);
        string second = Path.Combine(_dir.Path, indexes[1].ToString("D6"));
        byte[] bytes = File.ReadAllBytes(second);
        bytes[8 + 40] ^= 0xFF;   // inside the first record's data
        File.WriteAllBytes(second, bytes);

        using (var files = Open(maxFileBytes: 1024))
        {
            var loaded = files.Load();
            Assert.NotEmpty(loaded);
            Assert.Equal(written.Take(loaded.Length), loaded, new DiskChunkComparer());
            Assert.Equal([indexes[0], indexes[1]], HeadChunkFiles.ListFiles(_dir.Path));
            Assert.Equal(8, new FileInfo(second).Length);   // only the header was good
            Assert.Contains("checksum mismatch", Assert.Single(_logger.Warnings));
        }
    }

    [Fact]
    public void Load_EmptyOrHeaderlessFile_IsRepairedWithoutFailing()
    {
        File.WriteAllBytes(Path.Combine(_dir.Path, "000003"), []);
        using var files = Open();
        Assert.Empty(files.Load());
        Assert.Empty(HeadChunkFiles.ListFiles(_dir.Path));
        files.Enqueue(1, 0, 15_000, Chunk(0, 2, 1));
        files.Flush();
        Assert.Equal([4], HeadChunkFiles.ListFiles(_dir.Path));
    }

    [Fact]
    public void Truncate_DeletesFilesWhoseChunksAllEndBeforeMint_ButNeverTheCurrentOne()
    {
        using var files = Open(maxFileBytes: 1024);
        files.Load();
        var written = Write(files, series: 10, perSeries: 4);   // chunk k of every series: [k·1800 s, k·1800 s + 1785 s]
        files.Flush();
        var before = HeadChunkFiles.ListFiles(_dir.Path);
        long mint = 2 * 120 * 15_000L;                           // chunks 0 and 1 are truncated
        files.Truncate(mint);
        var after = HeadChunkFiles.ListFiles(_dir.Path);
        Assert.True(after.Count < before.Count);
        Assert.Contains(before[^1], after);
        files.Dispose();
        using var reopened = Open(maxFileBytes: 1024);
        var loaded = reopened.Load();
        // What is left is the newest chunks, whole: every chunk ending at or after mint survives.
        Assert.Equal(written.Where(c => c.MaxT >= mint), loaded.Where(c => c.MaxT >= mint), new DiskChunkComparer());
        Assert.True(loaded.Length < written.Count);
    }

    [Fact]
    public void Enqueue_BeforeLoad_IsABug()
    {
        using var files = Open();
        Assert.Throws<InvalidOperationException>(() => files.Enqueue(1, 0, 1, Chunk(0, 2, 1)));
    }

    private sealed class DiskChunkComparer : IEqualityComparer<DiskChunk>
    {
        public bool Equals(DiskChunk a, DiskChunk b) =>
            a.SeriesRef == b.SeriesRef && a.MinT == b.MinT && a.MaxT == b.MaxT && a.Bytes.SequenceEqual(b.Bytes);

        public int GetHashCode(DiskChunk c) => HashCode.Combine(c.SeriesRef, c.MinT);
    }
}
