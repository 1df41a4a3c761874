using Argus.Model;

namespace Argus.Query.Engine;

/// <summary>One element of an instant vector: the series' labels, the evaluation timestamp in ms and the value.</summary>
public readonly record struct VectorSample(Labels Metric, long T, double F);
