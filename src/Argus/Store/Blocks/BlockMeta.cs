using System.Text.Json;
using System.Text.Json.Serialization;

namespace Argus.Store.Blocks;

/// <summary>
/// A block's meta.json (docs/format/block.md): its ULID, the time range [MinTime, MaxTime) in ms (MaxTime exclusive, as in
/// Prometheus), statistics and compaction lineage. Written last when a block is created, so a directory without a readable
/// meta.json is not a block.
/// </summary>
public sealed record BlockMeta(
    [property: JsonPropertyName("ulid")] string Ulid,
    [property: JsonPropertyName("minTime")] long MinTime,
    [property: JsonPropertyName("maxTime")] long MaxTime,
    [property: JsonPropertyName("stats")] BlockStats Stats,
    [property: JsonPropertyName("compaction")] BlockCompactionMeta Compaction,
    [property: JsonPropertyName("version")] int Version = BlockMeta.CurrentVersion)
{
    public const int CurrentVersion = 1;
    public const string FileName = "meta.json";

    /// <summary>True when the half-open ranges [MinTime, MaxTime) of the two blocks share a millisecond.</summary>
    public bool Overlaps(BlockMeta other) => MinTime < other.MaxTime && other.MinTime < MaxTime;

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, BlockMetaJsonContext.Default.BlockMeta);

    /// <summary>Reads and validates dir/meta.json; throws <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static BlockMeta Read(string dir)
    {
        string path = Path.Combine(dir, FileName);
        BlockMeta? meta;
        try
        {
            meta = JsonSerializer.Deserialize(File.ReadAllBytes(path), BlockMetaJsonContext.Default.BlockMeta);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: invalid JSON: {e.Message}", e);
        }
        if (meta is null || meta.Stats is null || meta.Compaction is null)
        {
            throw new InvalidDataException($"{path}: missing ulid, stats or compaction");
        }
        if (!Blocks.Ulid.TryParse(meta.Ulid, out _)) throw new InvalidDataException($"{path}: ulid \"{meta.Ulid}\" is not a ULID");
        if (meta.Version != CurrentVersion) throw new InvalidDataException($"{path}: unsupported version {meta.Version}, want {CurrentVersion}");
        if (meta.MaxTime <= meta.MinTime) throw new InvalidDataException($"{path}: maxTime {meta.MaxTime} is not after minTime {meta.MinTime}");
        return meta;
    }
}
