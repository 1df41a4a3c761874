using System.Text;
using Argus.Store;
using Argus.Collect.Exposition;
using Argus.Model;
using Argus.Store.Blocks;
using Argus.Store.Compaction;

namespace Argus.Collect.Backfill;

/// <summary>
/// Backfill: writes an OpenMetrics text file (timestamps in seconds, ending with <c># EOF</c>) into blocks, as
/// <c>promtool tsdb create-blocks-from openmetrics</c> does. The whole file is parsed and checked first; any error (syntax,
/// a sample without timestamp, out-of-order or conflicting duplicate samples of a series) throws
/// <see cref="BackfillException"/> with the line number and nothing is written. Blocks cover 2h-aligned ranges; they are
/// written into a staging directory and moved into the storage directory only when all succeeded. A running server picks
/// them up on its next reload; overlaps with existing blocks are merged at query time and compacted later.
/// </summary>
public sealed class OpenMetricsImporter
{
    private readonly long _blockDurationMs;

    public OpenMetricsImporter(long blockDurationMs = CompactionRanges.DefaultBlockMs)
    {
        if (blockDurationMs <= 0) throw new ArgumentOutOfRangeException(nameof(blockDurationMs), "block duration must be positive");
        _blockDurationMs = blockDurationMs;
    }

    /// <summary>Imports the file into storageDir (created if missing) and returns the metas of the blocks written.</summary>
    public IReadOnlyList<BlockMeta> Import(string file, string storageDir, long nowMs) =>
        Import(File.ReadAllBytes(file), storageDir, nowMs, Path.GetFileName(file));

    public IReadOnlyList<BlockMeta> Import(ReadOnlySpan<byte> body, string storageDir, long nowMs, string source = "input")
    {
        var series = Parse(body, source);
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

    /// <summary>Parses and validates the whole body; the series come back sorted by labels with sorted samples.</summary>
    internal static List<ImportedSeries> Parse(ReadOnlySpan<byte> body, string source)
    {
        var byText = new Dictionary<string, ImportedSeries>(StringComparer.Ordinal);
        var byLabels = new Dictionary<Labels, ImportedSeries>();
        var parser = new ExpositionParser(body, ExpositionFormat.OpenMetrics);
        try
        {
            ExpositionEntry entry;
            while ((entry = parser.Next()) != ExpositionEntry.Eof)
            {
                if (entry != ExpositionEntry.Series) continue;
                if (parser.TimestampMs is not long t)
                {
                    throw new BackfillException(source, parser.LineNumber, "sample has no timestamp; backfilled samples need one");
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
                        throw new BackfillException(source, parser.LineNumber, $"out of order sample for series {series.Labels}: timestamp {t} ms after {last.T} ms");
                    }
                    if (BitConverter.DoubleToUInt64Bits(last.V) != BitConverter.DoubleToUInt64Bits(parser.Value))
                    {
                        throw new BackfillException(source, parser.LineNumber, $"duplicate sample for series {series.Labels} at timestamp {t} ms with a different value");
                    }
                    continue; // an identical repeat is stored once
                }
                samples.Add(new Sample(t, parser.Value));
            }
        }
        catch (ExpositionException e)
        {
            throw new BackfillException(source, e.Line, e.Reason + (e.Text.Length > 0 ? " while parsing: " + e.Text : ""), e);
        }
        var result = byLabels.Values.ToList();
        result.Sort((a, b) => Labels.Compare(a.Labels, b.Labels));
        return result;
    }

    private static long FloorTo(long t, long step) => t >= 0 ? t / step * step : (t - step + 1) / step * step;
}
