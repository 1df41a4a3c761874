using Argus.Model;
using Argus.Store.Chunks;

namespace Argus.Store.Blocks;

/// <summary>
/// Writes an immutable block from any querier (the head, or a merge of blocks when compacting): every selected series'
/// samples in [mint, maxt) are re-encoded into chunks of at most <see cref="XorChunk.TargetSamples"/> samples, each in the
/// smaller of Prometheus's XOR encoding and Argus's decimal one (<see cref="ChunkEncoder"/>).
/// The block is built in <c>&lt;ulid&gt;.tmp-for-creation</c>, every file and directory fsynced, then renamed into place,
/// so a crash leaves either no block or a complete one (the tmp dir is deleted at the next open). Format: docs/format/block.md.
/// </summary>
public static class BlockWriter
{
    public const string TmpForCreationSuffix = ".tmp-for-creation";

    /// <summary>Selects every series that has a metric name: the head requires one matcher that does not match "".</summary>
    public static readonly Matcher[] AllNamedSeries = [new(MatcherType.Regexp, Labels.MetricName, ".+")];

    /// <summary>
    /// Writes the block into <paramref name="parentDir"/> and returns its meta, or null when the range held no samples
    /// (no directory is left behind then). <paramref name="select"/> chooses the series (default: all with a metric name).
    /// Each chunk is stored in the smaller of XOR and the decimal encoding, or always XOR with <paramref name="xorOnly"/>.
    /// </summary>
    public static BlockMeta? Write(string parentDir, IQuerier source, long mint, long maxt, BlockCompactionMeta? compaction,
        long nowMs, Matcher[]? select = null, long segmentBytes = ChunkSegmentWriter.DefaultSegmentBytes, bool xorOnly = false)
    {
        if (maxt <= mint) throw new ArgumentException($"block range [{mint}, {maxt}) is empty", nameof(maxt));
        var ulid = Ulid.New(nowMs);
        string id = ulid.ToString();
        string tmp = Path.Combine(parentDir, id + TmpForCreationSuffix);
        string final = Path.Combine(parentDir, id);
        Directory.CreateDirectory(tmp);
        try
        {
            var index = new IndexWriter();
            long samples = 0, chunkCount = 0;
            string chunksDir = Path.Combine(tmp, "chunks");
            using (var chunkWriter = new ChunkSegmentWriter(chunksDir, segmentBytes))
            {
                var pending = new List<(ChunkEncoding Encoding, byte[] Bytes, long MinT, long MaxT)>();
                var encoder = new ChunkEncoder(xorOnly);
                ISampleIterator? it = null;
                var set = source.Select(sorted: true, select ?? AllNamedSeries);
                Labels? previous = null;
                while (set.Next())
                {
                    var series = set.At;
                    if (previous is not null && Labels.Compare(previous, series.Labels) >= 0)
                    {
                        throw new InvalidOperationException($"BUG: source querier returned {series.Labels} after {previous}; need sorted, distinct series");
                    }
                    previous = series.Labels;
                    pending.Clear();
                    it = series.Iterator(it);
                    long last = long.MinValue;
                    if (!it.Seek(mint)) continue;
                    do
                    {
                        long t = it.T;
                        if (t >= maxt) break;
                        if (t <= last) continue; // defensive: never encode a non-increasing timestamp
                        if (encoder.Count == XorChunk.TargetSamples) pending.Add(encoder.Cut());
                        encoder.Add(t, it.V);
                        last = t;
                        samples++;
                    }
                    while (it.Next());
                    if (encoder.Count > 0) pending.Add(encoder.Cut());
                    if (pending.Count == 0) continue;

                    long total = 0;
                    foreach (var p in pending) total += p.Bytes.Length + 1;
                    chunkWriter.Reserve(total);
                    var metas = new ChunkMeta[pending.Count];
                    for (int i = 0; i < pending.Count; i++)
                    {
                        var (encoding, bytes, cmin, cmax) = pending[i];
                        var (segment, offset) = chunkWriter.Write(encoding, bytes);
                        metas[i] = new ChunkMeta(cmin, cmax, segment, offset, bytes.Length + 1);
                    }
                    chunkCount += metas.Length;
                    index.AddSeries(series.Labels, metas);
                }
                chunkWriter.Finish();
            }
            if (index.SeriesCount == 0)
            {
                Directory.Delete(tmp, recursive: true);
                return null;
            }
            index.WriteTo(Path.Combine(tmp, "index"));
            var meta = new BlockMeta(id, mint, maxt, new BlockStats(samples, index.SeriesCount, chunkCount),
                compaction ?? new BlockCompactionMeta(1, [id]));
            if (meta.Compaction.Sources.Count == 0) meta = meta with { Compaction = meta.Compaction with { Sources = [id] } };
            FileSync.WriteFile(Path.Combine(tmp, BlockMeta.FileName), meta.ToJson());
            FileSync.Directory(chunksDir);
            FileSync.Directory(tmp);
            Directory.Move(tmp, final);
            FileSync.Directory(parentDir);
            return meta;
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next open, which deletes every *.tmp-* directory.
        }
    }
}
