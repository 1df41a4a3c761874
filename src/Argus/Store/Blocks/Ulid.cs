using System.Security.Cryptography;

namespace Argus.Store.Blocks;

/// <summary>
/// A ULID (48-bit millisecond timestamp + 80 random bits, 26 Crockford base32 characters), the name of a block directory
/// as in Prometheus. ULIDs made later sort later as strings, so directory listings come out in creation order.
/// </summary>
public readonly record struct Ulid(ulong High, ulong Low) : IComparable<Ulid>
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new ULID for the given creation time (ms since the Unix epoch).</summary>
    public static Ulid New(long unixMs)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        ulong high = ((ulong)unixMs & 0xFFFF_FFFF_FFFFUL) << 16 | (ulong)random[0] << 8 | random[1];
        ulong low = 0;
        for (int i = 2; i < 10; i++) low = low << 8 | random[i];
        return new Ulid(high, low);
    }

    public long TimestampMs => (long)(High >> 16);

    public int CompareTo(Ulid other)
    {
        int c = High.CompareTo(other.High);
        return c != 0 ? c : Low.CompareTo(other.Low);
    }

    /// <summary>The 26-character text form: 128 bits read 5 at a time from the top (the first character carries 3 bits).</summary>
    public override string ToString()
    {
        Span<char> s = stackalloc char[26];
        for (int i = 25; i >= 0; i--)
        {
            int bitPos = (25 - i) * 5; // from the least significant bit
            s[i] = Alphabet[(int)(Bits(bitPos) & 31)];
        }
        return new string(s);
    }

    private ulong Bits(int pos)
    {
        // 5 bits starting at bit pos of the 128-bit number (High:Low).
        if (pos >= 64) return High >> (pos - 64);
        if (pos + 5 <= 64) return Low >> pos;
        return Low >> pos | High << (64 - pos);
    }

    public static bool TryParse(string? text, out Ulid ulid)
    {
        ulid = default;
        if (text is null || text.Length != 26) return false;
        ulong high = 0, low = 0;
        foreach (char c in text)
        {
            int v = Alphabet.IndexOf(char.ToUpperInvariant(c));
            if (v < 0) return false;
            high = high << 5 | low >> 59;
            low = low << 5 | (uint)v;
        }
        if (text[0] > '7') return false; // would overflow 128 bits
        ulid = new Ulid(high, low);
        return true;
    }

    public static Ulid Parse(string text) =>
        TryParse(text, out var u) ? u : throw new FormatException($"\"{text}\" is not a ULID (26 Crockford base32 characters)");
}
