namespace Argus.Query.Engine;

public sealed class StringValue(long t, string v) : QueryValue
{
    public long T { get; } = t;
    public string V { get; } = v;
    public override string ResultType => "string";
}
