using Argus.Model;
using Argus.Store;
using Argus.Store.Head;
using Argus.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Store.Head;

/// <summary>Builds heads without a WAL and reads them back as plain lists for assertions.</summary>
internal static class TestHead
{
    public static Argus.Store.Head.Head Create(MetricsRegistry? metrics = null, HeadOptions? options = null) =>
        new(options ?? new HeadOptions { StripeSize = 16 }, null, metrics ?? new MetricsRegistry(), NullLogger.Instance);

    public static List<(Labels Labels, List<Sample> Samples)> Read(Argus.Store.IQueryable q, long mint, long maxt, params Matcher[] matchers)
    {
        using var querier = q.Querier(mint, maxt);
        var set = querier.Select(sorted: true, matchers);
        var result = new List<(Labels, List<Sample>)>();
        ISampleIterator? it = null;
        while (set.Next())
        {
            var samples = new List<Sample>();
            it = set.At.Iterator(it);
            while (it.Next()) samples.Add(new Sample(it.T, it.V));
            result.Add((set.At.Labels, samples));
        }
        return result;
    }

    public static double Value(MetricsRegistry metrics, string name, string? labelName = null, string? labelValue = null)
    {
        var families = new List<MetricFamily>();
        metrics.Collect(families);
        var family = families.Single(f => f.Name == name);
        return family.Points.Single(p => labelName is null || p.Labels.Get(labelName) == labelValue).Value;
    }
}
