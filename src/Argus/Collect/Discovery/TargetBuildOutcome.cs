namespace Argus.Collect.Discovery;

/// <summary>What target building made of one discovered target.</summary>
public enum TargetBuildOutcome
{
    /// <summary>Scrape it.</summary>
    Active,

    /// <summary>Relabelling dropped it; shown under droppedTargets with its discovered labels.</summary>
    Dropped,

    /// <summary>Invalid after relabelling (no address, bad interval…); logged, not shown.</summary>
    Failed,
}
