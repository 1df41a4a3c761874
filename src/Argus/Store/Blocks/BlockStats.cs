using System.Text.Json.Serialization;

namespace Argus.Store.Blocks;

/// <summary>The "stats" object of meta.json, as Prometheus writes it.</summary>
public sealed record BlockStats(
    [property: JsonPropertyName("numSamples")] long NumSamples,
    [property: JsonPropertyName("numSeries")] long NumSeries,
    [property: JsonPropertyName("numChunks")] long NumChunks);
