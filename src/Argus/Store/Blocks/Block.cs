namespace Argus.Store.Blocks;

/// <summary>
/// An immutable, persisted block: meta.json, index and chunk segments in one directory. Thread-safe. Queriers hold a
/// reference, so a block that compaction or retention removes stays readable until its last querier is disposed; the
/// directory itself may already be gone (open handles keep the files readable on Unix).
/// </summary>
public sealed class Block : IQueryable, IDisposable
{
    private readonly IndexReader _index;
    private readonly ChunkSegmentReader _chunks;
    private readonly Lock _lock = new();
    private int _readers;
    private bool _closing;
    private bool _closed;

    private Block(string dir, BlockMeta meta, IndexReader index, ChunkSegmentReader chunks)
    {
        Dir = dir;
        Meta = meta;
        _index = index;
        _chunks = chunks;
        long metaBytes = new FileInfo(Path.Combine(dir, BlockMeta.FileName)).Length;
        SizeBytes = index.SizeBytes + chunks.SizeBytes + metaBytes;
    }

    /// <summary>Opens a block directory; throws <see cref="InvalidDataException"/> naming the file when it is partial or corrupt.</summary>
    public static Block Open(string dir)
    {
        var meta = BlockMeta.Read(dir);
        if (meta.Ulid != Path.GetFileName(Path.TrimEndingDirectorySeparator(dir)))
        {
            throw new InvalidDataException($"{dir}: meta.json names block {meta.Ulid}, not the directory's name");
        }
        string indexPath = Path.Combine(dir, "index");
        if (!File.Exists(indexPath)) throw new InvalidDataException($"{dir}: no index file");
        var index = new IndexReader(indexPath);
        var chunks = new ChunkSegmentReader(Path.Combine(dir, "chunks"));
        return new Block(dir, meta, index, chunks);
    }

    public string Dir { get; }
    public BlockMeta Meta { get; }
    public long MinTime => Meta.MinTime;
    public long MaxTime => Meta.MaxTime;

    /// <summary>Bytes on disk: index + chunk segments + meta.json.</summary>
    public long SizeBytes { get; }

    public long IndexBytes => _index.SizeBytes;
    public long ChunkBytes => _chunks.SizeBytes;

    /// <summary>A querier over [mint, maxt] (inclusive). Throws <see cref="ObjectDisposedException"/> once the block is closed.</summary>
    public IQuerier Querier(long mint, long maxt)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closing, this);
            _readers++;
        }
        return new BlockQuerier(this, _index, _chunks, mint, maxt);
    }

    internal void Release()
    {
        lock (_lock)
        {
            _readers--;
            if (!_closing || _readers > 0 || _closed) return;
            _closed = true;
        }
        _chunks.Dispose();
    }

    /// <summary>Closes the block once the queriers open now are disposed; new queriers are refused.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_closing) return;
            _closing = true;
            if (_readers > 0) return;
            _closed = true;
        }
        _chunks.Dispose();
    }

    public override string ToString() => $"block {Meta.Ulid} [{Meta.MinTime}, {Meta.MaxTime})";
}
