using Argus.Tests.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Argus.Tests.Browser;

/// <summary>The status pages show the real server's data; the theme toggle persists; unknown paths load the app.</summary>
[Trait("Category", "Integration")]
[Collection(UiCollection.Name)]
public sealed class OperationsBrowserTests(UiFixture ui, ITestOutputHelper output)
{
    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task OperationsPagesShowTheServersState()
    {
        var page = await ui.Browser.NewPageAsync(ui.Argus.BaseUrl);
        await page.GotoAsync("/targets");
        var pool = page.Locator("[data-pool=argus]");
        await Expect(pool).ToContainTextAsync("1/1 up");
        await Expect(pool).ToContainTextAsync("env=\"test\"");
        output.WriteLine(await ui.Browser.ScreenshotAsync(page, "targets"));

        await page.GotoAsync("/rules");
        await Expect(page.Locator("main")).ToContainTextAsync("job:up:sum");
        await Expect(page.Locator("main a[href^='/graph?g0.expr=sum+by']")).ToHaveCountAsync(1);
        output.WriteLine(await ui.Browser.ScreenshotAsync(page, "rules"));

        await page.GotoAsync("/config");
        await Expect(page.Locator("[data-testid=config-yaml]")).ToContainTextAsync("scrape_configs");
        output.WriteLine(await ui.Browser.ScreenshotAsync(page, "config"));

        await page.GotoAsync("/tsdb-status");
        await Expect(page.Locator("[data-testid=head-stats]")).ToContainTextAsync("Series");
        // Cardinality covers the head (as Prometheus's does): the self-scrape's job label tops the label pairs.
        await Expect(page.Locator("main")).ToContainTextAsync("job=argus");
        output.WriteLine(await ui.Browser.ScreenshotAsync(page, "tsdb-status"));

        await page.GotoAsync("/status");
        await Expect(page.Locator("[data-testid=flags]")).ToContainTextAsync("storage.tsdb.path");
        await Expect(page.Locator("[data-testid=build-info]")).ToContainTextAsync("version");
        await page.Locator("[data-testid=reload-config]").ClickAsync();
        await Expect(page.Locator("[data-testid=reload-result]")).ToHaveTextAsync("Configuration reloaded.");
        output.WriteLine(await ui.Browser.ScreenshotAsync(page, "status"));

        await page.GotoAsync("/no/such/page");
        await Expect(page.Locator("main")).ToContainTextAsync("Page not found");
        ui.Browser.AssertNoConsoleErrors();
    }

    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task ThemeToggleSwitchesAndPersists()
    {
        var page = await ui.Browser.NewPageAsync(ui.Argus.BaseUrl);
        // vector(1), not up: the graph's steps are aligned to the step, so a server scraping for less than one step (15 s)
        // can have no point on them yet, and the order of the tests in the collection decides how old the server is.
        await page.GotoAsync("/graph?g0.expr=vector(1)&g0.tab=0");
        await Expect(page.Locator("[data-testid=legend] .legend-item").First).ToBeVisibleAsync();
        Assert.Equal("light", await page.EvaluateAsync<string>("document.documentElement.dataset.theme"));
        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        Assert.Equal("dark", await page.EvaluateAsync<string>("document.documentElement.dataset.theme"));
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=legend] .legend-item").First).ToBeVisibleAsync();
        Assert.Equal("dark", await page.EvaluateAsync<string>("document.documentElement.dataset.theme"));
        Assert.Equal("rgb(17, 19, 24)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        output.WriteLine(await ui.Browser.ScreenshotAsync(page, "explorer-dark"));
        ui.Browser.AssertNoConsoleErrors();
    }
}
