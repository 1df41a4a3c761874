using System.Buffers;
using System.Text;

namespace Argus.TargetGen;

/// <summary>Builds a body's bytes once per layout (start, churn, a value outgrowing its slot), leaving zeroed value slots.</summary>
internal sealed class BodyBuilder
{
    private readonly ArrayBufferWriter<byte> _bytes = new(1 << 16);

    public int Length => _bytes.WrittenCount;

    public ReadOnlySpan<byte> Written => _bytes.WrittenSpan;

    public void Append(string text)
    {
        int n = Encoding.UTF8.GetByteCount(text);
        Encoding.UTF8.GetBytes(text, _bytes.GetSpan(n));
        _bytes.Advance(n);
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_bytes.GetSpan(bytes.Length));
        _bytes.Advance(bytes.Length);
    }

    /// <summary>Reserves <paramref name="width"/> bytes for a value, filled with '0' until the first write.</summary>
    public ValueSlot Slot(int width)
    {
        var slot = new ValueSlot(_bytes.WrittenCount, width);
        _bytes.GetSpan(width)[..width].Fill((byte)'0');
        _bytes.Advance(width);
        return slot;
    }
}
