using System.Buffers.Binary;
using Argus.Model;
using Argus.Store.Wal;
using Argus.Telemetry;

namespace Argus.Tests.Store.Wal;

/// <summary>Segments built byte by byte from docs/format/wal.md, independent of the writer: what Prometheus would produce.</summary>
public sealed class WalSegmentFormatTests : IDisposable
{
    private readonly WalTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] Fragment(byte type, ReadOnlySpan<byte> data)
    {
        var f = new byte[7 + data.Length];
        f[0] = type;
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(1), (ushort)data.Length);
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(3), Crc32C.Compute(data));
        data.CopyTo(f.AsSpan(7));
        return f;
    }

    private static readonly byte[] s_seriesRecord = [1, 0, 0, 0, 0, 0, 0, 0, 9, 1, 8, .. "__name__"u8, 2, .. "up"u8];

    // Samples for ref 9 at t=1000 (value 1) and t=1015 (value 2).
    private static readonly byte[] s_samplesRecord =
        [2, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0x03, 0xE8, 0, 0, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0, 0, 30, 0x40, 0, 0, 0, 0, 0, 0, 0];

    private RecordingReplayHandler Replay(CapturingLogger? logger = null)
    {
        var handler = new RecordingReplayHandler();
        using var wal = WriteAheadLog.Open(_dir.Path, new WalOptions(), logger ?? new CapturingLogger(), new MetricsRegistry());
        wal.Replay(handler);
        return handler;
    }

    [Fact]
    public void Replay_HandBuiltSegment_WithFragmentsPaddingAndForeignRecordTypes()
    {
        var page = new byte[32 * 1024];   // page 0: series record (full), a tombstones record (type 3, skipped), then padding
        int pos = 0;
        foreach (byte[] f in new[] { Fragment(1, s_seriesRecord), Fragment(1, [3, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0]) })
        {
            f.CopyTo(page, pos);
            pos += f.Length;
        }
        // Page 1: the samples record split into first / middle / last fragments.
        byte[] rest = [.. Fragment(2, s_samplesRecord.AsSpan(0, 5)), .. Fragment(3, s_samplesRecord.AsSpan(5, 20)), .. Fragment(4, s_samplesRecord.AsSpan(25))];
        File.WriteAllBytes(_dir.Segment(0), [.. page, .. rest]);

        var replayed = Replay();
        Assert.Equal([new RefSeries(new SeriesRef(9), Labels.FromStrings("__name__", "up"))], replayed.Series);
        Assert.Equal([new RefSample(new SeriesRef(9), 1000, 1), new RefSample(new SeriesRef(9), 1015, 2)], replayed.Samples);
    }

    [Fact]
    public void Open_WriterOutput_IsTheDocumentedFraming()
    {
        using (var wal = WriteAheadLog.Open(_dir.Path, new WalOptions(), new CapturingLogger(), new MetricsRegistry()))
        {
            wal.Log([new RefSeries(new SeriesRef(9), Labels.FromStrings("__name__", "up"))],
                [new RefSample(new SeriesRef(9), 1000, 1), new RefSample(new SeriesRef(9), 1015, 2)]);
        }
        byte[] expected = [.. Fragment(1, s_seriesRecord), .. Fragment(1, s_samplesRecord)];
        byte[] actual = File.ReadAllBytes(_dir.Segment(0));
        Assert.Equal(32 * 1024, actual.Length);                       // closed: padded to the page
        Assert.Equal(expected, actual[..expected.Length]);
        Assert.All(actual[expected.Length..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Replay_ChecksummedButUndecodableRecordInOlderSegment_TruncatesBeforeIt()
    {
        File.WriteAllBytes(_dir.Segment(0), [.. Fragment(1, s_seriesRecord), .. Fragment(1, s_samplesRecord.AsSpan(0, 20))]);
        File.WriteAllBytes(_dir.Segment(1), Fragment(1, s_samplesRecord));
        var logger = new CapturingLogger();
        var replayed = Replay(logger);
        Assert.Single(replayed.Series);
        Assert.Empty(replayed.Samples);
        Assert.Contains(logger.Warnings, w => w.Contains($"offset {7 + s_seriesRecord.Length}") && w.Contains("truncated"));
        Assert.Equal(7 + s_seriesRecord.Length, new FileInfo(_dir.Segment(0)).Length);
    }

    [Fact]
    public void Replay_CompressedRecord_RefusesWithoutTouchingTheFiles()
    {
        File.WriteAllBytes(_dir.Segment(0), [.. Fragment(1 | (1 << 3), s_seriesRecord)]);
        File.WriteAllBytes(_dir.Segment(1), Fragment(1, s_samplesRecord));
        var e = Assert.Throws<InvalidDataException>(() => Replay());
        Assert.Contains("compressed", e.Message);
        Assert.Equal(7 + s_seriesRecord.Length, new FileInfo(_dir.Segment(0)).Length);
    }
}
