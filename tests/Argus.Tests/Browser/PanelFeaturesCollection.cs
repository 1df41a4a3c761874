namespace Argus.Tests.Browser;

/// <summary>The panel feature browser tests share one <see cref="PanelFeaturesFixture"/> (one Argus, one Chromium).</summary>
[CollectionDefinition(Name)]
public sealed class PanelFeaturesCollection : ICollectionFixture<PanelFeaturesFixture>
{
    public const string Name = "Dashboard panel features";
}
