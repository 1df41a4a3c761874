using System.Text.Json;
using Argus.Tests.Testing;
using Microsoft.Playwright;

namespace Argus.Tests.Browser;

/// <summary>
/// Every default and compat dashboard opened in headless Chromium against the real Argus of <see cref="DashboardFixture"/>:
/// all panels finish, none shows an error, the browser logs no error; then a template variable and the time range
/// are changed and the panels reload without error. Screenshots go to TestResults/screenshots/dashboard-*.png.
/// </summary>
[Collection(DashboardCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DashboardBrowserTests(DashboardFixture fixture)
{
    public static TheoryData<string> Uids()
    {
        var data = new TheoryData<string>();
        foreach (var d in Argus.Serve.Dashboards.DefaultDashboards.Load()) data.Add(d.Uid);
        foreach (var f in Directory.EnumerateFiles(Path.Combine(DashboardFixture.CompatDir(), "dashboards"), "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(f));
            data.Add(doc.RootElement.GetProperty("uid").GetString()!);
        }
        return data;
    }

    private static async Task WaitLoadedAsync(IPage page)
    {
        await page.WaitForSelectorAsync(".dash-view[data-loaded='true']", new PageWaitForSelectorOptions { Timeout = 30_000 });
    }

    private static async Task AssertNoPanelErrorsAsync(IPage page, string uid)
    {
        var errors = await page.EvalOnSelectorAllAsync<string[]>("[data-testid=panel][data-state=error]",
            "els => els.map(e => e.dataset.title + ': ' + e.querySelector('[data-testid=panel-error]')?.textContent)");
        Assert.True(errors.Length == 0, $"{uid}: panels with errors:\n" + string.Join("\n", errors));
        int panels = await page.Locator("[data-testid=panel]").CountAsync();
        Assert.True(panels > 0, $"{uid}: no panels rendered");
    }

    [DashboardPeerTheory(BrowserSession.ChromiumPath, DashboardFixture.NodeExporter)]
    [MemberData(nameof(Uids))]
    public async Task Dashboard_Renders_ChangesVariableAndTime_WithoutErrors(string uid)
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl, 1600, 1000);
        await page.GotoAsync($"/d/{uid}");
        await WaitLoadedAsync(page);
        await AssertNoPanelErrorsAsync(page, uid);
        await fixture.Browser.ScreenshotAsync(page, $"dashboard-{uid}");

        // Change the first variable that offers a second choice, as a user would.
        var selects = page.Locator("[data-testid=variables] select");
        for (int i = 0; i < await selects.CountAsync(); i++)
        {
            var select = selects.Nth(i);
            var options = await select.Locator("option").AllAsync();
            if (options.Count < 2) continue;
            string? value = await options[^1].GetAttributeAsync("value");
            await select.SelectOptionAsync(value!);
            await page.WaitForFunctionAsync("() => document.querySelector('.dash-view')?.dataset.loaded === 'true'");
            Assert.Contains("var-", page.Url);
            break;
        }
        await AssertNoPanelErrorsAsync(page, uid + " after a variable change");

        // A new time range through the URL the time picker writes.
        string path = new Uri(page.Url).PathAndQuery;
        await page.GotoAsync(path + (path.Contains('?') ? "&" : "?") + "from=now-15m&to=now");
        await WaitLoadedAsync(page);
        await AssertNoPanelErrorsAsync(page, uid + " at 15m");
        await fixture.Browser.ScreenshotAsync(page, $"dashboard-{uid}-changed");
        await page.Context.CloseAsync();
        fixture.Browser.AssertNoConsoleErrors();
    }

    [PeerFact(BrowserSession.ChromiumPath, DashboardFixture.NodeExporter)]
    public async Task Home_IsClusterOverview_AndListShowsAll()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl);
        await page.GotoAsync("/");
        await WaitLoadedAsync(page);
        Assert.Equal(Argus.Serve.Dashboards.DefaultDashboards.HomeUid, await page.GetAttributeAsync(".dash-view", "data-uid"));
        await page.GotoAsync("/dashboards");
        await page.WaitForSelectorAsync("[data-testid=dashboard-list]");
        Assert.Equal(15, await page.Locator("[data-testid=dashboard-list] a").CountAsync());
        await page.Context.CloseAsync();
        fixture.Browser.AssertNoConsoleErrors();
    }
}
