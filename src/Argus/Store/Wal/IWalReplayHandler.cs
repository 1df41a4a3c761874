namespace Argus.Store.Wal;

/// <summary>
/// Receives the WAL's contents during <see cref="WriteAheadLog.Replay"/>, in log order: the series of a record before any
/// later samples that refer to them. The spans are borrowed: they are reused for the next record once the call returns.
/// </summary>
public interface IWalReplayHandler
{
    void OnSeries(ReadOnlySpan<RefSeries> batch);

    void OnSamples(ReadOnlySpan<RefSample> batch);
}
