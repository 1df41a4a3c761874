using Argus.Model;

namespace Argus.Tests.Query.Engine;

/// <summary>An expected series of an eval: its labels and one value per step (null: no point at that step).</summary>
internal sealed record ExpectedSeries(Labels Labels, List<double?> Values);
