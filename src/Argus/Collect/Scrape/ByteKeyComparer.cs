namespace Argus.Collect.Scrape;

/// <summary>
/// Compares byte-array keys by content and lets a dictionary be probed with a <see cref="ReadOnlySpan{T}"/> of bytes without
/// allocating (through <c>GetAlternateLookup</c>), so the scrape cache finds known series by their exposed text.
/// </summary>
internal sealed class ByteKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly ByteKeyComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));
    public int GetHashCode(byte[] obj) => Hash(obj);
    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);
    public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);
    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    private static int Hash(ReadOnlySpan<byte> b) => (int)System.IO.Hashing.XxHash3.HashToUInt64(b);
}
