namespace Argus.Store.Head;

/// <summary>A sample accepted by an appender and waiting for Commit.</summary>
internal struct PendingSample
{
    public MemSeries Series;
    public long T;
    public double V;
}
