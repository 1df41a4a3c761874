using Argus.Model;

namespace Argus.Store.Head;

/// <summary>One selected head series: its labels and the chunk snapshot taken at Select.</summary>
internal sealed class HeadSeries(Labels labels, SeriesSnapshot snapshot, long mint, long maxt) : ISeries
{
    public Labels Labels => labels;

    public ISampleIterator Iterator(ISampleIterator? reuse = null)
    {
        var it = reuse as HeadSampleIterator ?? new HeadSampleIterator();
        it.Reset(snapshot, mint, maxt);
        return it;
    }
}
