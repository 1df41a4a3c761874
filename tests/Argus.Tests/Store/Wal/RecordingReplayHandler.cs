using Argus.Store.Wal;

namespace Argus.Tests.Store.Wal;

/// <summary>Copies everything a replay hands over, keeping the order of series and sample batches.</summary>
internal sealed class RecordingReplayHandler : IWalReplayHandler
{
    public List<RefSeries> Series { get; } = [];
    public List<RefSample> Samples { get; } = [];
    public List<int> SampleBatchSizes { get; } = [];

    public void OnSeries(ReadOnlySpan<RefSeries> batch) => Series.AddRange(batch);

    public void OnSamples(ReadOnlySpan<RefSample> batch)
    {
        Samples.AddRange(batch);
        SampleBatchSizes.Add(batch.Length);
    }
}
