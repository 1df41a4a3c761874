namespace Argus.Config;

/// <summary><c>storage.tsdb.retention</c>; zero values mean "not set here" (the command-line flags apply).</summary>
public sealed record RetentionConfig
{
    public TimeSpan Time { get; init; }
    public ByteSize Size { get; init; }
}
