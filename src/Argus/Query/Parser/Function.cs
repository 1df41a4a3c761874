namespace Argus.Query.Parser;

/// <summary>
/// A PromQL function's signature (Prometheus's parser.Function). <see cref="Variadic"/>: 0 = exactly
/// <see cref="ArgTypes"/>; n &gt; 0 = the last argument type is optional and may repeat up to n times in total;
/// -1 = the last argument type repeats without limit.
/// </summary>
public sealed class Function(string name, ValueType[] argTypes, ValueType returnType, int variadic = 0, bool experimental = false)
{
    public string Name { get; } = name;
    public IReadOnlyList<ValueType> ArgTypes { get; } = argTypes;
    public ValueType ReturnType { get; } = returnType;
    public int Variadic { get; } = variadic;

    /// <summary>Behind <c>--enable-feature=promql-experimental-functions</c> in Prometheus; Argus always accepts them.</summary>
    public bool Experimental { get; } = experimental;

    public override string ToString() => Name;
}
