using System.Text.Json.Serialization;

namespace Argus.Store.Blocks;

/// <summary>
/// The "compaction" object of meta.json: level 1 for blocks cut from the head (or backfilled), source level + 1 after a
/// compaction; sources are the ULIDs of the level-1 blocks whose data this block holds; parents the blocks it was made from.
/// </summary>
public sealed record BlockCompactionMeta(
    [property: JsonPropertyName("level")] int Level,
    [property: JsonPropertyName("sources")] IReadOnlyList<string> Sources,
    [property: JsonPropertyName("parents")] IReadOnlyList<string>? Parents = null);
