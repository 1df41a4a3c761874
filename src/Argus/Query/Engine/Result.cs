namespace Argus.Query.Engine;

/// <summary>The value of a query and its annotations (texts start "PromQL warning: " or "PromQL info: ", as Prometheus's).</summary>
public sealed class Result(QueryValue value, IReadOnlyList<string> warnings, IReadOnlyList<string> infos)
{
    public QueryValue Value { get; } = value;
    public IReadOnlyList<string> Warnings { get; } = warnings;
    public IReadOnlyList<string> Infos { get; } = infos;
}
