namespace Argus.Config;

/// <summary><c>storage.exemplars</c>: size of the in-memory exemplar ring.</summary>
public sealed record ExemplarsConfig
{
    public long MaxExemplars { get; init; } = 100_000;
}
