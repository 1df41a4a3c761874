using Snappier;

namespace Argus.Remote.Protocol;

/// <summary>
/// The snappy block format that remote write and remote read bodies use, decompressed with the declared length checked
/// against a limit before anything is allocated. Callers choose the exception each failure becomes.
/// </summary>
public static class SnappyBlock
{
    public static byte[] Decompress(ReadOnlySpan<byte> body, int maxBytes, Func<int, Exception> tooLarge, Func<InvalidDataException, Exception> corrupt)
    {
        int length;
        try
        {
            length = Snappy.GetUncompressedLength(body);
        }
        catch (InvalidDataException e)
        {
            throw corrupt(e);
        }
        if (length > maxBytes) throw tooLarge(length);
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
}
