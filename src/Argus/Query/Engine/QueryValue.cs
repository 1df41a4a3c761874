namespace Argus.Query.Engine;

/// <summary>A query result value: one of <see cref="ScalarValue"/>, <see cref="StringValue"/>, <see cref="VectorValue"/>, <see cref="MatrixValue"/>.</summary>
public abstract class QueryValue
{
    /// <summary>Prometheus's resultType: "scalar", "string", "vector" or "matrix".</summary>
    public abstract string ResultType { get; }
}
