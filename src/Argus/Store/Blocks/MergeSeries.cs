using Argus.Model;

namespace Argus.Store.Blocks;

/// <summary>A series present in several queriers; its iterator merges their samples by timestamp.</summary>
internal sealed class MergeSeries(Labels labels, ISeries[] parts) : ISeries
{
    public Labels Labels { get; } = labels;

    public ISampleIterator Iterator(ISampleIterator? reuse = null)
    {
        var it = reuse as MergeSampleIterator ?? new MergeSampleIterator();
        it.Reset(parts);
        return it;
    }
}
