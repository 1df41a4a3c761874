namespace Argus.Model;

/// <summary>
/// A built-in source of metrics. In server mode its output is appended to the store on the scrape interval; it is also
/// served in the text exposition format on /metrics. Collect may be called from any thread, one call at a time.
/// </summary>
public interface ICollector
{
    void Collect(List<MetricFamily> into);
}
