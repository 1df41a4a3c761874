using Argus.Tests.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Argus.Tests.Browser;

/// <summary>The alert and silence pages in a real Chromium against a real Argus whose rule always fires.</summary>
[Trait("Category", "Integration")]
[Collection(UiCollection.Name)]
public sealed class AlertingBrowserTests(UiFixture ui, ITestOutputHelper output)
{
    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task SilenceIsCreatedFromAFiringAlertAndExpired()
    {
        var page = await ui.Browser.NewPageAsync(ui.Argus.BaseUrl);
        await page.GotoAsync("/alerts");
        var rule = page.Locator($"[data-alertname={UiArgus.AlertName}]");
        await Expect(rule.Locator("[data-testid=alert-row]")).ToHaveCountAsync(1);
        await Expect(rule).ToContainTextAsync("firing");
        output.WriteLine(await ui.Browser.ScreenshotAsync(page, "alerts"));

        await rule.Locator("[data-testid=silence-alert]").ClickAsync();
        await page.WaitForURLAsync("**/silences/new?filter=*");
        var matchers = page.Locator("[data-testid=silence-matchers]");
        await Expect(matchers).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"^\\{{alertname=\"{UiArgus.AlertName}\", .*job=\"argus\""));
        await page.Locator("[data-testid=silence-author]").FillAsync("ui-test");
        await page.Locator("[data-testid=silence-comment]").FillAsync("maintenance");
        output.WriteLine(await ui.Browser.ScreenshotAsync(page, "silence-new"));
        await page.Locator("[data-testid=save-silence]").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/silences/[0-9a-f-]{36}$"));
        string id = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        var created = (await ui.Argus.SilencesAsync()).Single(s => s.Id == id);
        Assert.Equal("active", created.State);
        Assert.Contains($"alertname={UiArgus.AlertName}", created.Matchers);
        Assert.Contains("env=test", created.Matchers);

        await page.GotoAsync("/silences");
        var row = page.Locator($"tr[data-silence-id=\"{id}\"]");
        await Expect(row).ToContainTextAsync("active");
        output.WriteLine(await ui.Browser.ScreenshotAsync(page, "silences-active"));
        await row.Locator("[data-testid=expire-silence]").ClickAsync(); // the confirm dialog is accepted by the session
        await Expect(row).ToContainTextAsync("expired");
        Assert.Equal("expired", (await ui.Argus.SilencesAsync()).Single(s => s.Id == id).State);
        output.WriteLine(await ui.Browser.ScreenshotAsync(page, "silences-expired"));
        ui.Browser.AssertNoConsoleErrors();
    }

    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task AlertmanagerHashLinksRedirectToThePathRoutes()
    {
        var page = await ui.Browser.NewPageAsync(ui.Argus.BaseUrl);
        await page.GotoAsync("/#/silences/new?filter=%7Balertname%3D%22Foo%22%2Cteam%3D~%22a.%2A%22%7D");
        await page.WaitForURLAsync("**/silences/new?filter=*");
        await Expect(page.Locator("[data-testid=silence-matchers]")).ToHaveValueAsync("{alertname=\"Foo\",team=~\"a.*\"}");
        await page.GotoAsync("/#/alerts");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/alerts" && new Uri(url).Fragment == "");
        await Expect(page.Locator($"[data-alertname={UiArgus.AlertName}]")).ToBeVisibleAsync();
        ui.Browser.AssertNoConsoleErrors();
    }

    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task AlertPagesWorkOnAPhoneSizedScreen()
    {
        var page = await ui.Browser.NewPageAsync(ui.Argus.BaseUrl, width: 390, height: 844);
        await page.GotoAsync("/alerts");
        var rule = page.Locator($"[data-alertname={UiArgus.AlertName}]");
        await Expect(rule.Locator("[data-testid=silence-alert]")).ToBeVisibleAsync();
        // Nothing scrolls sideways: the page is as wide as the screen.
        int scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the alerts page is {scrollWidth}px wide on a 390px screen");
        output.WriteLine(await ui.Browser.ScreenshotAsync(page, "alerts-phone"));
        await page.Locator(".menu-button").ClickAsync();
        await Expect(page.Locator("#nav a[href='/silences']")).ToBeVisibleAsync();
        await page.Locator("#nav a[href='/silences']").ClickAsync();
        await page.WaitForURLAsync("**/silences");
        output.WriteLine(await ui.Browser.ScreenshotAsync(page, "silences-phone"));
        ui.Browser.AssertNoConsoleErrors();
    }
}
