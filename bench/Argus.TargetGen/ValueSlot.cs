namespace Argus.TargetGen;

/// <summary>Where one value's digits sit in a body: offset from the body's first byte and width.</summary>
internal readonly record struct ValueSlot(int Offset, int Width)
{
    public Span<byte> In(Span<byte> response, int bodyOffset) => response.Slice(bodyOffset + Offset, Width);
}
