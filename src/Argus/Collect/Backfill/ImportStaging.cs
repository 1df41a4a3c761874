using Argus.Store.Blocks;

namespace Argus.Collect.Backfill;

/// <summary>
/// One import's staging directory <c>import.tmp-&lt;ulid&gt;</c> inside the storage directory: it holds the sample spill
/// while the input is parsed and the blocks while they are written; <see cref="WriteBlocks"/> moves the blocks into the
/// storage directory only once all are written, and Dispose deletes the directory, so a failed import (bad line, full disk)
/// leaves nothing behind. A crash leaves the directory, which the next open of the storage deletes.
/// </summary>
internal sealed class ImportStaging : IDisposable
{
    private readonly string _storageDir;
    private readonly string _dir;
    private readonly long _nowMs;
    private readonly long _blockDurationMs;
    private readonly SampleSpill _spill;

    public ImportStaging(string storageDir, long nowMs, long blockDurationMs)
    {
        _storageDir = storageDir;
        _nowMs = nowMs;
        _blockDurationMs = blockDurationMs;
        Directory.CreateDirectory(storageDir);
        _dir = Path.Combine(storageDir, "import.tmp-" + Ulid.New(nowMs));
        Directory.CreateDirectory(_dir);
        try
        {
            _spill = new SampleSpill(Path.Combine(_dir, "samples"));
        }
        catch
        {
            Directory.Delete(_dir, recursive: true);
            throw;
        }
        State = new OpenMetricsImporter.ParseState(_spill, blockDurationMs);
    }

    public OpenMetricsImporter.ParseState State { get; }

    /// <summary>Writes one block per 2h range that has samples and moves them all into the storage directory.</summary>
    public IReadOnlyList<BlockMeta> WriteBlocks()
    {
        var series = State.Sorted();
        var written = new List<BlockMeta>();
        foreach (long start in State.BlockStarts)
        {
            using var q = new ImportQuerier(series, _spill, start, start + _blockDurationMs - 1);
            var meta = BlockWriter.Write(_dir, q, start, start + _blockDurationMs, null, _nowMs);
            if (meta is not null) written.Add(meta);
        }
        foreach (var m in written) Directory.Move(Path.Combine(_dir, m.Ulid), Path.Combine(_storageDir, m.Ulid));
        if (written.Count > 0) FileSync.Directory(_storageDir);
        return written;
    }

    public void Dispose()
    {
        _spill.Dispose();
        try
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next open of the storage, which deletes every import.tmp-* directory.
        }
    }
}
