using System.Text;
using Argus.Store;
using Argus.Collect.Exposition;
using Argus.Model;
using Argus.Store.Blocks;
using Argus.Store.Compaction;

namespace Argus.Collect.Backfill;

/// <summary>
/// Backfill: writes an OpenMetrics text file (timestamps in seconds, ending with <c># EOF</c>) into blocks, as
/// <c>promtool tsdb create-blocks-from openmetrics</c> does. Files of any size are read in pieces of at most 1 GiB cut at line
/// ends (a span, and so one parser run, is limited to 2 GiB); the samples are kept in memory (16 bytes each) until the blocks
/// are written. The whole file is parsed and checked first; any error (syntax,
/// a sample without timestamp, out-of-order or conflicting duplicate samples of a series) throws
/// <see cref="BackfillException"/> with the line number and nothing is written. Blocks cover 2h-aligned ranges; they are
/// written into a staging directory and moved into the storage directory only when all succeeded. A running server picks
/// them up on its next reload; overlaps with existing blocks are merged at query time and compacted later.
/// </summary>
public sealed class OpenMetricsImporter
{
    private static readonly byte[] s_eof = "# EOF\n"u8.ToArray();
    private readonly long _blockDurationMs;
    private readonly int _pieceBytes;

    /// <param name="blockDurationMs">The range each block covers (2h by default).</param>
    /// <param name="pieceBytes">The largest piece of a file parsed at once (1 GiB by default; tests use small pieces).</param>
    public OpenMetricsImporter(long blockDurationMs = CompactionRanges.DefaultBlockMs, int pieceBytes = 1 << 30)
    {
        if (blockDurationMs <= 0) throw new ArgumentOutOfRangeException(nameof(blockDurationMs), "block duration must be positive");
        if (pieceBytes < 64) throw new ArgumentOutOfRangeException(nameof(pieceBytes), "pieces must hold at least 64 bytes");
        _blockDurationMs = blockDurationMs;
        _pieceBytes = pieceBytes;
    }

    /// <summary>Imports the file into storageDir (created if missing) and returns the metas of the blocks written.</summary>
    public IReadOnlyList<BlockMeta> Import(string file, string storageDir, long nowMs) =>
        Write(ParseFile(file, Path.GetFileName(file)), storageDir, nowMs);

    public IReadOnlyList<BlockMeta> Import(ReadOnlySpan<byte> body, string storageDir, long nowMs, string source = "input") =>
        Write(Parse(body, source), storageDir, nowMs);

    private IReadOnlyList<BlockMeta> Write(List<ImportedSeries> series, string storageDir, long nowMs)
    {
        if (series.Count == 0) return [];
        long mint = long.MaxValue, maxt = long.MinValue;
        foreach (var s in series)
        {
            mint = Math.Min(mint, s.Samples[0].T);
            maxt = Math.Max(maxt, s.Samples[^1].T);
        }

        Directory.CreateDirectory(storageDir);
        string staging = Path.Combine(storageDir, "import.tmp-" + Ulid.New(nowMs));
        Directory.CreateDirectory(staging);
        var written = new List<BlockMeta>();
        try
        {
            for (long start = FloorTo(mint, _blockDurationMs); start <= maxt; start += _blockDurationMs)
            {
                using var q = new ImportQuerier(series, start, start + _blockDurationMs - 1);
                var meta = BlockWriter.Write(staging, q, start, start + _blockDurationMs, null, nowMs);
                if (meta is not null) written.Add(meta);
            }
            foreach (var m in written) Directory.Move(Path.Combine(staging, m.Ulid), Path.Combine(storageDir, m.Ulid));
            FileSync.Directory(storageDir);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return written;
    }

    /// <summary>
    /// Parses a file piece by piece: each piece ends at a line end and, unless it is the file's last, gets a <c># EOF</c> of its
    /// own. A metric family cut in two continues as samples without metadata, which backfill does not need.
    /// </summary>
    internal List<ImportedSeries> ParseFile(string file, string source)
    {
        var state = new ParseState();
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
        return state.Sorted();
    }

    /// <summary>Parses and validates the whole body; the series come back sorted by labels with sorted samples.</summary>
    internal static List<ImportedSeries> Parse(ReadOnlySpan<byte> body, string source)
    {
        var state = new ParseState();
        ParseInto(body, source, state, 0);
        return state.Sorted();
    }

    /// <summary>The series read so far, by exposition text and by label set (two spellings of one series are one series).</summary>
    private sealed class ParseState
    {
        public readonly Dictionary<string, ImportedSeries> ByText = new(StringComparer.Ordinal);
        public readonly Dictionary<Labels, ImportedSeries> ByLabels = [];

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
                var samples = series.Samples;
                if (samples.Count > 0 && samples[^1].T >= t)
                {
                    var last = samples[^1];
                    if (last.T > t)
                    {
                        throw new BackfillException(source, lineOffset + parser.LineNumber, $"out of order sample for series {series.Labels}: timestamp {t} ms after {last.T} ms");
                    }
                    if (BitConverter.DoubleToUInt64Bits(last.V) != BitConverter.DoubleToUInt64Bits(parser.Value))
                    {
                        throw new BackfillException(source, lineOffset + parser.LineNumber, $"duplicate sample for series {series.Labels} at timestamp {t} ms with a different value");
                    }
                    continue; // an identical repeat is stored once
                }
                samples.Add(new Sample(t, parser.Value));
            }
        }
        catch (ExpositionException e)
        {
            throw new BackfillException(source, lineOffset + e.Line, e.Reason + (e.Text.Length > 0 ? " while parsing: " + e.Text : ""), e);
        }
    }

    private static long FloorTo(long t, long step) => t >= 0 ? t / step * step : (t - step + 1) / step * step;
}
