namespace Argus.Config;

/// <summary>The outcome of loading a configuration: the config when there are no errors, otherwise every error found.</summary>
public sealed record ConfigLoadResult(PrometheusConfig? Config, IReadOnlyList<ConfigError> Errors)
{
    public bool Success => Config is not null && Errors.Count == 0;

    /// <summary>All errors, one per line, in file order.</summary>
    public string ErrorText => string.Join('\n', Errors);
}
