namespace Argus.Store.Chunks;

/// <summary>
/// The encoding byte in front of every chunk of a version-2 chunk segment (docs/format/chunks.md). Xor keeps Prometheus's
/// value (chunkenc.EncXOR = 1); Argus's own encodings take values Prometheus does not use (it has 1-3), so a byte read from
/// the wrong place fails loudly instead of decoding garbage.
/// </summary>
public enum ChunkEncoding : byte
{
    /// <summary>Prometheus's Gorilla XOR chunk (<see cref="XorChunk"/>).</summary>
    Xor = 1,

    /// <summary>Values that are all n / 10^k for one small k, stored as integers (<see cref="DecimalChunkEncoder"/>).</summary>
    Decimal = 0x41,
}
