namespace Argus.Query.Engine;

/// <summary>An instant vector; its order is the evaluation order (sorted only where a function or aggregation defines one).</summary>
public sealed class VectorValue(IReadOnlyList<VectorSample> samples) : QueryValue
{
    public IReadOnlyList<VectorSample> Samples { get; } = samples;
    public override string ResultType => "vector";
}
