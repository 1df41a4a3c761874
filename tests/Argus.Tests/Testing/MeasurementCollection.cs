namespace Argus.Tests.Testing;

/// <summary>Tests that measure process-wide quantities (managed heap) run in this collection, alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasurementCollection
{
    public const string Name = "Measurement (runs alone)";
}
