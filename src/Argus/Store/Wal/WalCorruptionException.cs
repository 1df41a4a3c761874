namespace Argus.Store.Wal;

/// <summary>
/// Bad bytes in a WAL segment, at <see cref="Offset"/> of segment <see cref="Segment"/> in <see cref="Directory"/>
/// (the WAL directory or a checkpoint directory), as Prometheus's wlog.CorruptionErr names them.
/// </summary>
public sealed class WalCorruptionException : IOException
{
    public WalCorruptionException(string directory, int segment, long offset, string reason)
        : base($"corruption in segment {WalSegments.Path(directory, segment)} at offset {offset}: {reason}")
    {
        Directory = directory;
        Segment = segment;
        Offset = offset;
        Reason = reason;
    }

    public string Directory { get; }
    public int Segment { get; }
    public long Offset { get; }
    public string Reason { get; }
}
