using Argus.Model;

namespace Argus.Collect.Discovery;

/// <summary>
/// The result of building one discovered target (scrape.PopulateLabels). <see cref="Labels"/> are the labels after
/// relabelling with <c>__meta_*</c> removed but other <c>__</c> labels (address, scheme, path, params, interval, timeout)
/// kept for the scrape loop; <see cref="PublicLabels"/> is what gets attached to scraped series.
/// <see cref="DiscoveredLabels"/> are the labels before relabelling (for /api/v1/targets).
/// </summary>
public sealed record BuiltTarget(TargetBuildOutcome Outcome, Labels Labels, Labels DiscoveredLabels, string? Error)
{
    /// <summary>Labels without the reserved <c>__</c> prefix, as Prometheus's Target.Labels().</summary>
    public Labels PublicLabels
    {
        get
        {
            var b = Labels.ToBuilder();
            b.Keep(static n => !n.StartsWith(TargetLabelNames.ReservedPrefix, StringComparison.Ordinal));
            return b.Build();
        }
    }

    /// <summary>The scrape URL: <c>__scheme__://__address____metrics_path__?params</c>, where <c>__param_x</c> labels replace
    /// the config's <c>params[x]</c> (Prometheus Target.URL). Only meaningful for <see cref="TargetBuildOutcome.Active"/>.</summary>
    public Uri Url(IReadOnlyDictionary<string, IReadOnlyList<string>>? configParams)
    {
        var query = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (configParams is not null)
        {
            foreach (var (k, v) in configParams) query[k] = v;
        }
        foreach (var l in Labels)
        {
            if (l.Name.StartsWith(TargetLabelNames.ParamPrefix, StringComparison.Ordinal))
            {
                query[l.Name[TargetLabelNames.ParamPrefix.Length..]] = [l.Value];
            }
        }
        var sb = new System.Text.StringBuilder();
        sb.Append(Labels.Get(TargetLabelNames.Scheme)).Append("://").Append(Labels.Get(TargetLabelNames.Address))
          .Append(Labels.Get(TargetLabelNames.MetricsPath));
        char sep = '?';
        foreach (var (k, values) in query)
        {
            foreach (string v in values)
            {
                sb.Append(sep).Append(GoUrl.QueryEscape(k)).Append('=').Append(GoUrl.QueryEscape(v));
                sep = '&';
            }
        }
        return new Uri(sb.ToString());
    }

    public TimeSpan ScrapeInterval => Config.PromDuration.Parse(Labels.Get(TargetLabelNames.ScrapeInterval));
    public TimeSpan ScrapeTimeout => Config.PromDuration.Parse(Labels.Get(TargetLabelNames.ScrapeTimeout));
}
