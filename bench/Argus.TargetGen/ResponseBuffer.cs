namespace Argus.TargetGen;

/// <summary>
/// A whole HTTP response (status line, headers, body) in one array, sent with one write. <see cref="Readers"/> counts the
/// connections still sending it: a refresh rewrites a buffer's value digits only when nobody is sending it.
/// </summary>
internal sealed class ResponseBuffer(byte[] bytes, int bodyOffset, int layoutVersion)
{
    public byte[] Bytes { get; } = bytes;

    public int BodyOffset { get; } = bodyOffset;

    public int LayoutVersion { get; } = layoutVersion;

    /// <summary>Guarded by the owning target's lock.</summary>
    public int Readers { get; set; }

    public ReadOnlyMemory<byte> Body => Bytes.AsMemory(BodyOffset);
}
