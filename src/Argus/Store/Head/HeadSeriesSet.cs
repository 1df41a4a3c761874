namespace Argus.Store.Head;

/// <summary>A cursor over the series a head Select resolved.</summary>
internal sealed class HeadSeriesSet(List<HeadSeries> series) : ISeriesSet
{
    private int _i = -1;

    public bool Next() => ++_i < series.Count;

    public ISeries At => series[_i];
}
