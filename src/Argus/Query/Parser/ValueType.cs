namespace Argus.Query.Parser;

/// <summary>The type an expression evaluates to (Prometheus's parser.ValueType).</summary>
public enum ValueType
{
    None,
    Scalar,
    Vector,
    Matrix,
    String,
}
