using Argus.Store;
using Argus.Store.Chunks;
using Argus.Store.Head;

namespace Argus.Tests.Store.HeadChunks;

public sealed class MemSeriesLoadedChunkTests
{
    private static byte[] Chunk(long mint, int n, out long maxt, out double last)
    {
        var c = new XorChunk();
        for (int i = 0; i < n; i++) c.Append(mint + i * 1000, i * 1.5);
        maxt = mint + (n - 1) * 1000;
        last = (n - 1) * 1.5;
        return c.ToArray();
    }

    // Loaded chunks share their file's buffer: put each at an offset, as a file does.
    private static bool AddLoaded(MemSeries s, byte[] chunk, long mint, long maxt)
    {
        var buffer = new byte[chunk.Length + 40];
        chunk.CopyTo(buffer, 33);
        return s.AddLoadedChunk(buffer, 33, chunk.Length, mint, maxt);
    }

    [Fact]
    public void AddLoadedChunk_LastSampleComesFromTheChunk()
    {
        var s = new MemSeries(1, 1);
        Assert.True(AddLoaded(s, Chunk(0, 10, out long maxt, out double last), 0, maxt));
        Assert.Equal(maxt, s.LastT);
        Assert.Equal(AppendOutcome.OutOfOrder, s.Appendable(maxt - 1, last));
        Assert.Equal(AppendOutcome.Duplicate, s.Appendable(maxt, last + 1));
        Assert.Equal(AppendOutcome.Repeat, s.Appendable(maxt, last));
        Assert.Equal(AppendOutcome.Ok, s.Appendable(maxt + 1, 0));
    }

    [Fact]
    public void AddLoadedChunk_Overlapping_IsRefused()
    {
        var s = new MemSeries(1, 1);
        Assert.True(AddLoaded(s, Chunk(0, 10, out long maxt, out _), 0, maxt));
        Assert.False(AddLoaded(s, Chunk(maxt, 10, out long maxt2, out _), maxt, maxt2));
        Assert.True(AddLoaded(s, Chunk(maxt + 1, 10, out maxt2, out _), maxt + 1, maxt2));
        Assert.Equal(2, s.ChunkCount);
    }

    [Fact]
    public void TruncateBefore_DroppingTheLoadedLastChunk_KeepsTheLastValue()
    {
        var s = new MemSeries(1, 1);
        Assert.True(AddLoaded(s, Chunk(0, 10, out long maxt, out double last), 0, maxt));
        Assert.Equal(1, s.TruncateBefore(maxt + 1));
        Assert.Equal(0, s.ChunkCount);
        Assert.Equal(AppendOutcome.Repeat, s.Appendable(maxt, last));
        Assert.Equal(AppendOutcome.Duplicate, s.Appendable(maxt, last + 1));
    }

    [Fact]
    public void Append_AfterLoadedChunk_ReportsTheChunkItCompletes()
    {
        var s = new MemSeries(1, 1);
        var options = new HeadOptions { SamplesPerChunk = 3 };
        Assert.True(AddLoaded(s, Chunk(0, 3, out long maxt, out _), 0, maxt));
        Assert.Equal(AppendOutcome.Ok, s.Append(maxt + 1, 1, options, out bool created, out var completed));
        Assert.True(created);
        Assert.Null(completed.Data);   // a new open chunk, nothing completed: the loaded one is on disk already
        s.Append(maxt + 2, 1, options, out _, out completed);
        s.Append(maxt + 3, 1, options, out _, out completed);
        Assert.Null(completed.Data);
        s.Append(maxt + 4, 1, options, out created, out completed);
        Assert.True(created);
        Assert.Equal((maxt + 1, maxt + 3), (completed.MinT, completed.MaxT));
        Assert.Equal(3, XorChunk.CountOf(completed.Data));
    }
}
