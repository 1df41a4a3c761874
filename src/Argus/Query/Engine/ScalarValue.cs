namespace Argus.Query.Engine;

public sealed class ScalarValue(long t, double v) : QueryValue
{
    public long T { get; } = t;
    public double V { get; } = v;
    public override string ResultType => "scalar";
}
