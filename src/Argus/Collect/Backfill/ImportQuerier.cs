using System.Buffers.Binary;
using Argus.Model;
using Argus.Store;

namespace Argus.Collect.Backfill;

/// <summary>
/// Serves the imported series (already sorted by labels) to <see cref="Store.Blocks.BlockWriter"/> one block range at a time,
/// reading their samples from the spill: the series with runs whose block start lies in [mint, maxt], each iterating those
/// runs' records in order. Matchers are ignored: the block writer selects everything.
/// </summary>
internal sealed class ImportQuerier(IReadOnlyList<ImportedSeries> sortedSeries, SampleSpill spill, long mint, long maxt) : IQuerier
{
    public long Mint { get; } = mint;
    public long Maxt { get; } = maxt;

    public ISeriesSet Select(bool sorted, params Matcher[] matchers) => new SeriesSet(sortedSeries, spill, Mint, Maxt);

    public IReadOnlyList<string> LabelNames(params Matcher[] matchers) =>
        sortedSeries.SelectMany(s => s.Labels.Select(l => l.Name)).Distinct().Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> LabelValues(string name, params Matcher[] matchers) =>
        sortedSeries.Select(s => s.Labels.Get(name)).Where(v => v.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();

    public void Dispose() { }

    private sealed class SeriesSet(IReadOnlyList<ImportedSeries> series, SampleSpill spill, long mint, long maxt) : ISeriesSet
    {
        private int _i = -1;
        private ISeries? _at;

        public bool Next()
        {
            while (++_i < series.Count)
            {
                var s = series[_i];
                int from = 0;
                while (from < s.Runs.Count && s.Runs[from].BlockStart < mint) from++;
                int to = from;
                while (to < s.Runs.Count && s.Runs[to].BlockStart <= maxt) to++;
                if (from == to) continue;
                _at = new Series(s.Labels, s.Runs, from, to, spill);
                return true;
            }
            return false;
        }

        public ISeries At => _at ?? throw new InvalidOperationException("At called before Next returned true");
    }

    private sealed class Series(Labels labels, List<SampleRun> runs, int from, int to, SampleSpill spill) : ISeries
    {
        public Labels Labels { get; } = labels;

        public ISampleIterator Iterator(ISampleIterator? reuse = null)
        {
            var it = reuse as SampleIterator ?? new SampleIterator();
            it.Reset(runs, from, to, spill);
            return it;
        }
    }

    /// <summary>Reads the runs' records in batches of at most <see cref="BatchRecords"/> into a reused buffer.</summary>
    private sealed class SampleIterator : ISampleIterator
    {
        private const int BatchRecords = 1024; // 16 KiB reads: a 2h series at 15 s (480 samples) is one read
        private readonly byte[] _buffer = new byte[BatchRecords * SampleSpill.RecordBytes];
        private List<SampleRun> _runs = [];
        private SampleSpill? _spill;
        private int _run;        // current run index
        private int _runTo;      // end of the runs to read
        private int _inRun;      // records of the current run already loaded
        private int _batch;      // records in the buffer
        private int _pos = -1;   // current record in the buffer
        private bool _started;

        public void Reset(List<SampleRun> runs, int from, int to, SampleSpill spill)
        {
            _runs = runs;
            _run = from;
            _runTo = to;
            _spill = spill;
            _inRun = 0;
            _batch = 0;
            _pos = -1;
            _started = false;
        }

        public long T => BinaryPrimitives.ReadInt64LittleEndian(_buffer.AsSpan(_pos * SampleSpill.RecordBytes));
        public double V => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(_buffer.AsSpan(_pos * SampleSpill.RecordBytes + 8)));

        public bool Next()
        {
            _started = true;
            if (++_pos < _batch) return true;
            while (_run < _runTo)
            {
                var run = _runs[_run];
                if (_inRun < run.Count)
                {
                    _batch = Math.Min(BatchRecords, run.Count - _inRun);
                    _spill!.Read(run.FirstRecord + _inRun, _batch, _buffer);
                    _inRun += _batch;
                    _pos = 0;
                    return true;
                }
                _run++;
                _inRun = 0;
            }
            _batch = 0;
            _pos = 0;
            return false;
        }

        public bool Seek(long t)
        {
            if (_started && _pos < _batch && T >= t) return true;
            while (Next())
            {
                if (T >= t) return true;
            }
            return false;
        }
    }
}
