namespace Argus.Query.Parser;

/// <summary>Names of <see cref="ValueType"/> as Prometheus prints them in errors and API results.</summary>
public static class ValueTypes
{
    /// <summary>The API name: <c>vector</c>, <c>matrix</c>, <c>scalar</c>, <c>string</c>, <c>none</c>.</summary>
    public static string Name(this ValueType type) => type switch
    {
        ValueType.Scalar => "scalar",
        ValueType.Vector => "vector",
        ValueType.Matrix => "matrix",
        ValueType.String => "string",
        _ => "none",
    };

    /// <summary>The documented name used in type errors: <c>instant vector</c>, <c>range vector</c>, ...</summary>
    public static string DocumentedName(this ValueType type) => type switch
    {
        ValueType.Vector => "instant vector",
        ValueType.Matrix => "range vector",
        _ => type.Name(),
    };
}
