namespace Argus.Remote.Read;

/// <summary>
/// prompb.ReadHints: what the querying engine intends (the PromQL function, step, grouping). Advisory only: the answer
/// is the same raw samples with or without them, as in Prometheus, which passes them on to its querier as SelectHints.
/// </summary>
public sealed record ReadHints(long StepMs, string Func, long StartMs, long EndMs, IReadOnlyList<string> Grouping, bool By, long RangeMs);
