namespace Argus.TargetGen;

/// <summary>Lower-case hex ids of a fixed length (pod hashes, uids, container ids), as targets.py's hexid.</summary>
internal static class HexId
{
    public static string Next(Random rng, int length) => string.Create(length, rng, static (span, r) =>
    {
        for (int i = 0; i < span.Length; i++) span[i] = "0123456789abcdef"[r.Next(16)];
    });
}
