using System.Text;
using Argus.Store;
using Argus.Collect.Exposition;
using Argus.Model;
using Argus.Store.Blocks;
using Argus.Store.Compaction;

namespace Argus.Collect.Backfill;

/// <summary>
/// Backfill: writes an OpenMetrics text file (timestamps in seconds, ending with <c># EOF</c>) into blocks, as
/// <c>promtool tsdb create-blocks-from openmetrics</c> does. Files of any size are read in pieces of at most 16 MiB cut at
/// line ends, and the samples go to a spill file in the staging directory (16 bytes each, <see cref="SampleSpill"/>), so
/// memory grows with the number of series, not samples. The whole file is parsed and checked first; any error (syntax, a
/// sample without timestamp, out-of-order or conflicting duplicate samples of a series) throws
/// <see cref="BackfillException"/> with the line number and nothing is written. Blocks cover 2h-aligned ranges; they are
/// written into the staging directory and moved into the storage directory only when all succeeded. A running server picks
/// them up on its next reload; overlaps with existing blocks are merged at query time and compacted later.
/// </summary>
public sealed class OpenMetricsImporter
{
    private static readonly byte[] s_eof = "# EOF\n"u8.ToArray();
    private readonly long _blockDurationMs;
    private readonly int _pieceBytes;

    /// <param name="blockDurationMs">The range each block covers (2h by default).</param>
    /// <param name="pieceBytes">
    /// The largest piece of a file parsed at once: 16 MiB by default, large enough that the per-piece cost vanishes and small
    /// enough not to matter beside the series (tests use small pieces).
    /// </param>
    public OpenMetricsImporter(long blockDurationMs = CompactionRanges.DefaultBlockMs, int pieceBytes = 16 << 20)
    {
        if (blockDurationMs <= 0) throw new ArgumentOutOfRangeException(nameof(blockDurationMs), "block duration must be positive");
        if (pieceBytes < 64) throw new ArgumentOutOfRangeException(nameof(pieceBytes), "pieces must hold at least 64 bytes");
        _blockDurationMs = blockDurationMs;
        _pieceBytes = pieceBytes;
    }

    /// <summary>Imports the file into storageDir (created if missing) and returns the metas of the blocks written.</summary>
    public IReadOnlyList<BlockMeta> Import(string file, string storageDir, long nowMs)
    {
        using var staging = new ImportStaging(storageDir, nowMs, _blockDurationMs);
        ParseFileInto(file, Path.GetFileName(file), staging.State);
        return staging.WriteBlocks();
    }

    public IReadOnlyList<BlockMeta> Import(ReadOnlySpan<byte> body, string storageDir, long nowMs, string source = "input")
    {
        using var staging = new ImportStaging(storageDir, nowMs, _blockDurationMs);
        ParseInto(body, source, staging.State, 0);
        return staging.WriteBlocks();
    }

    /// <summary>
    /// Parses a file piece by piece: each piece ends at a line end and, unless it is the file's last, gets a <c># EOF</c> of its
    /// own. A metric family cut in two continues as samples without metadata, which backfill does not need.
    /// </summary>
    internal void ParseFileInto(string file, string source, ParseState state)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = new byte[(int)Math.Min(stream.Length, _pieceBytes) + s_eof.Length];
        int filled = 0;
        long lineOffset = 0;
        while (true)
        {
            int limit = buffer.Length - s_eof.Length;
            int n;
            while (filled < limit && (n = stream.Read(buffer, filled, limit - filled)) > 0) filled += n;
            if (stream.Position >= stream.Length)
            {
                ParseInto(buffer.AsSpan(0, filled), source, state, lineOffset);
                break;
            }
            int cut = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
            if (cut == 0) throw new BackfillException(source, lineOffset + 1, $"line longer than {_pieceBytes} bytes");
            var rest = buffer.AsSpan(cut, filled - cut).ToArray();
            s_eof.CopyTo(buffer, cut);
            ParseInto(buffer.AsSpan(0, cut + s_eof.Length), source, state, lineOffset);
            lineOffset += buffer.AsSpan(0, cut).Count((byte)'\n');
            rest.CopyTo(buffer, 0);
            filled = rest.Length;
        }
    }

    /// <summary>
    /// The series read so far, by exposition text and by label set (two spellings of one series are one series), the spill
    /// their samples went to and the block ranges that have samples.
    /// </summary>
    internal sealed class ParseState(SampleSpill spill, long blockDurationMs)
    {
        public readonly Dictionary<string, ImportedSeries> ByText = new(StringComparer.Ordinal);
        public readonly Dictionary<Labels, ImportedSeries> ByLabels = [];
        public readonly SortedSet<long> BlockStarts = [];
        public readonly SampleSpill Spill = spill;
        public readonly long BlockDurationMs = blockDurationMs;
        private long _lastBlockStart = long.MinValue;

        public void Add(ImportedSeries series, long t, double v)
        {
            long blockStart = FloorTo(t, BlockDurationMs);
            if (blockStart != _lastBlockStart)
            {
                BlockStarts.Add(blockStart); // a set lookup only when the range changes
                _lastBlockStart = blockStart;
            }
            series.Add(t, v, blockStart, Spill.Count);
            Spill.Append(t, v);
        }

        public List<ImportedSeries> Sorted()
        {
            var result = ByLabels.Values.ToList();
            result.Sort((a, b) => Labels.Compare(a.Labels, b.Labels));
            return result;
        }
    }

    private static void ParseInto(ReadOnlySpan<byte> body, string source, ParseState state, long lineOffset)
    {
        var byText = state.ByText;
        var byLabels = state.ByLabels;
        var parser = new ExpositionParser(body, ExpositionFormat.OpenMetrics);
        try
        {
            ExpositionEntry entry;
            while ((entry = parser.Next()) != ExpositionEntry.Eof)
            {
                if (entry != ExpositionEntry.Series) continue;
                if (parser.TimestampMs is not long t)
                {
                    throw new BackfillException(source, lineOffset + parser.LineNumber, "sample has no timestamp; backfilled samples need one");
                }
                string key = Encoding.UTF8.GetString(parser.SeriesBytes);
                if (!byText.TryGetValue(key, out var series))
                {
                    var labels = parser.BuildLabels();
                    if (!byLabels.TryGetValue(labels, out series)) byLabels[labels] = series = new ImportedSeries(labels);
                    byText[key] = series;
                }
                if (series.SampleCount > 0 && series.LastT >= t)
                {
                    if (series.LastT > t)
                    {
                        throw new BackfillException(source, lineOffset + parser.LineNumber, $"out of order sample for series {series.Labels}: timestamp {t} ms after {series.LastT} ms");
                    }
                    if (BitConverter.DoubleToUInt64Bits(series.LastV) != BitConverter.DoubleToUInt64Bits(parser.Value))
                    {
                        throw new BackfillException(source, lineOffset + parser.LineNumber, $"duplicate sample for series {series.Labels} at timestamp {t} ms with a different value");
                    }
                    continue; // an identical repeat is stored once
                }
                state.Add(series, t, parser.Value);
            }
        }
        catch (ExpositionException e)
        {
            throw new BackfillException(source, lineOffset + e.Line, e.Reason + (e.Text.Length > 0 ? " while parsing: " + e.Text : ""), e);
        }
    }

    private static long FloorTo(long t, long step) => t >= 0 ? t / step * step : (t - step + 1) / step * step;
}
