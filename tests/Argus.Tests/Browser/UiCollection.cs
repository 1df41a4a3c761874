namespace Argus.Tests.Browser;

/// <summary>The browser tests share one <see cref="UiFixture"/> (one Argus, one Chromium) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiFixture>
{
    public const string Name = "Browser UI";
}
