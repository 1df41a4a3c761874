using Argus.Model;

namespace Argus.Query.Engine;

/// <summary>
/// Receives the series of an expression one at a time, so an aggregation can consume a selection or a range function
/// series by series instead of holding them all (streamed evaluation).
/// </summary>
internal interface ISeriesSink
{
    /// <summary>
    /// One series with one point per step at which it has a value. <paramref name="points"/> is borrowed: it is only valid
    /// during the call.
    /// </summary>
    void Add(Labels metric, bool dropName, ReadOnlySpan<FPoint> points);
}
