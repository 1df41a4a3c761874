using Argus.Model;

namespace Argus.Remote.Read;

/// <summary>prompb.Query: series matching all <see cref="Matchers"/> with samples in [StartMs, EndMs] (inclusive, ms).</summary>
public sealed record ReadQuery(long StartMs, long EndMs, IReadOnlyList<Matcher> Matchers, ReadHints? Hints);
