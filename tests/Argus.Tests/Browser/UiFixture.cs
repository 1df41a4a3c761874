using Argus.Tests.Testing;

namespace Argus.Tests.Browser;

/// <summary>One real Argus with data and one Chromium shared by the browser tests of a collection.</summary>
public sealed class UiFixture : IAsyncLifetime
{
    private UiArgus? _argus;
    private BrowserSession? _browser;

    public UiArgus Argus => _argus ?? throw new InvalidOperationException("the fixture is not started");
    public BrowserSession Browser => _browser ?? throw new InvalidOperationException("the fixture is not started");

    public async Task InitializeAsync()
    {
        if (BrowserSession.Unavailable is not null) return; // the facts skip themselves (PeerFact)
        _argus = await UiArgus.StartAsync();
        _browser = await BrowserSession.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        if (_argus is not null) await _argus.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiFixture>
{
    public const string Name = "Browser UI";
}
