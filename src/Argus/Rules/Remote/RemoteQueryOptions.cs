namespace Argus.Rules.Remote;

/// <summary>
/// Where rule expressions are evaluated when the data lives elsewhere (vmalert's <c>-datasource.*</c> flags): the base URL
/// of a Prometheus-compatible query API (Prometheus, Thanos Query, Mimir's <c>…/prometheus</c>, VictoriaMetrics) and how
/// to authenticate. Secrets come from files read on every request, so rotating them needs no restart.
/// </summary>
public sealed record RemoteQueryOptions
{
    /// <summary>--rules.query-url: the base URL; <c>/api/v1/query</c> is appended.</summary>
    public required Uri Url { get; init; }

    /// <summary>--rules.query-basic-auth.username (with <see cref="PasswordFile"/>).</summary>
    public string? Username { get; init; }

    /// <summary>--rules.query-basic-auth.password-file.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>--rules.query-bearer-token-file: sent as <c>Authorization: Bearer …</c>.</summary>
    public string? BearerTokenFile { get; init; }

    /// <summary>--rules.query-timeout: how long one rule's query may take before the rule fails with a timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);
}
