using System.Buffers;
using Argus.Model;

namespace Argus.Store.Wal;

/// <summary>
/// Receives the records a checkpoint reads and writes the ones still needed into the checkpoint's segments: series for
/// which keep(ref) holds, and samples of such series at or after mint. Buffers up to a few MiB and writes series before
/// the samples that follow them, so the checkpoint replays in a valid order. Not thread-safe.
/// </summary>
internal sealed class WalCheckpointWriter : IWalReplayHandler, IDisposable
{
    // ~1 MiB of samples per record (28 bytes worst case each), ~4k series per record: few, large sequential writes.
    private const int SamplesPerFlush = 1 << 15;
    private const int SeriesPerFlush = 1 << 12;

    private readonly WalPageWriter _writer;
    private readonly Func<SeriesRef, bool> _keep;
    private readonly long _mint;
    private readonly int _maxRecordBytes;
    private readonly List<RefSeries> _series = [];
    private readonly RefSample[] _samples = new RefSample[SamplesPerFlush];
    private int _sampleCount;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 20);

    public WalCheckpointWriter(WalPageWriter writer, Func<SeriesRef, bool> keep, long mint)
    {
        _writer = writer;
        _keep = keep;
        _mint = mint;
        _maxRecordBytes = writer.MaxRecordBytes;
    }

    public long SeriesKept { get; private set; }
    public long SeriesDropped { get; private set; }
    public long SamplesKept { get; private set; }
    public long SamplesDropped { get; private set; }

    public void OnSeries(ReadOnlySpan<RefSeries> batch)
    {
        foreach (ref readonly RefSeries s in batch)
        {
            if (!_keep(s.Ref))
            {
                SeriesDropped++;
                continue;
            }
            SeriesKept++;
            _series.Add(s);
            if (_series.Count >= SeriesPerFlush) FlushSeries();
        }
    }

    public void OnSamples(ReadOnlySpan<RefSample> batch)
    {
        foreach (ref readonly RefSample s in batch)
        {
            if (s.T < _mint || !_keep(s.Ref))
            {
                SamplesDropped++;
                continue;
            }
            SamplesKept++;
            _samples[_sampleCount++] = s;
            if (_sampleCount == _samples.Length) FlushSamples();
        }
    }

    /// <summary>Writes everything buffered to the OS.</summary>
    public void Flush() => FlushSamples();

    private void FlushSeries()
    {
        if (_series.Count == 0) return;
        var series = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_series);
        int from = 0;
        while (from < series.Length)
        {
            // Greedy split: as many entries as fit one record.
            int size = 1, to = from;
            while (to < series.Length)
            {
                int entry = WalRecordEncoder.SeriesEntrySize(series[to]);
                if (to > from && size + entry > _maxRecordBytes) break;
                size += entry;
                to++;
            }
            Grow(size);
            int n = WalRecordEncoder.EncodeSeries(series[from..to], _buffer);
            _writer.Append(_buffer.AsSpan(0, n));
            from = to;
        }
        _series.Clear();
        _writer.Flush();
    }

    private void FlushSamples()
    {
        FlushSeries();
        if (_sampleCount == 0) return;
        int perRecord = WalRecordEncoder.SamplesThatFit(_maxRecordBytes);
        for (int i = 0; i < _sampleCount; i += perRecord)
        {
            var chunk = _samples.AsSpan(i, Math.Min(perRecord, _sampleCount - i));
            Grow(WalRecordEncoder.MaxSamplesSize(chunk.Length));
            int n = WalRecordEncoder.EncodeSamples(chunk, _buffer);
            _writer.Append(_buffer.AsSpan(0, n));
        }
        _sampleCount = 0;
        _writer.Flush();
    }

    private void Grow(int size)
    {
        if (_buffer.Length >= size) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = ArrayPool<byte>.Shared.Rent(size);
    }

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
