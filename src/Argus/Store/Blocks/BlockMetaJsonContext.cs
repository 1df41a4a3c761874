using System.Text.Json.Serialization;

namespace Argus.Store.Blocks;

/// <summary>Source-generated JSON for meta.json: no reflection at startup.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BlockMeta))]
internal sealed partial class BlockMetaJsonContext : JsonSerializerContext;
