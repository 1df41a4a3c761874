using Snappier;

namespace Argus.Remote.Protocol;

/// <summary>
/// The snappy block format that remote write and remote read bodies use, decompressed with the declared length checked
/// against a limit before anything is allocated. Callers choose the exception each failure becomes.
/// </summary>
public static class SnappyBlock
{
    /// <summary>
    /// Decompresses <paramref name="body"/>. A declared length above <paramref name="maxBytes"/> becomes
    /// <paramref name="tooLarge"/>(declared length), any malformed block <paramref name="corrupt"/>.
    /// </summary>
    public static byte[] Decompress(ReadOnlySpan<byte> body, int maxBytes, Func<long, Exception> tooLarge, Func<InvalidDataException, Exception> corrupt)
    {
        // The preamble is read here rather than by Snappier, whose length check throws OverflowException for a declared
        // length beyond int.MaxValue (found by the remote-write fuzz target: ff ff ff ff 0f). Go's snappy reads it as a
        // uvarint of up to 64 bits too, and Prometheus rejects a length over its limit before decoding.
        if (!TryReadPreamble(body, out ulong declared)) throw corrupt(new InvalidDataException("invalid or truncated length preamble"));
        if (declared > (ulong)maxBytes) throw tooLarge(declared > long.MaxValue ? long.MaxValue : (long)declared);
        int length;
        try
        {
            length = Snappy.GetUncompressedLength(body);
        }
        catch (InvalidDataException e)
        {
            throw corrupt(e);
        }
        byte[] raw = new byte[length];
        try
        {
            int n = Snappy.Decompress(body, raw);
            return n == length ? raw : raw[..n];
        }
        catch (InvalidDataException e)
        {
            throw corrupt(e);
        }
    }

    private static bool TryReadPreamble(ReadOnlySpan<byte> body, out ulong value)
    {
        value = 0;
        for (int i = 0, shift = 0; i < body.Length && i < 10; i++, shift += 7)
        {
            value |= (ulong)(body[i] & 0x7f) << shift;
            if (body[i] < 0x80) return true;
        }
        return false;
    }
}
