using System.Text.Json;
using Argus.Tests.Testing;
using Microsoft.Playwright;

namespace Argus.Tests.Browser;

/// <summary>
/// Dashboard panel features in headless Chromium against a real Argus (<see cref="PanelFeaturesFixture"/>, scrape interval
/// 1 s): $__interval/$__rate_interval from the server's scrape interval, value mappings in stat, gauge, bargauge and table,
/// panel, data and dashboard links, and the panel menu's Inspect (data + CSV, queries, raw JSON) and Explore.
/// </summary>
[Collection(PanelFeaturesCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PanelFeaturesBrowserTests(PanelFeaturesFixture fixture)
{
    private async Task<IPage> OpenAsync(string query = "from=now-1h&to=now")
    {
        var page = await fixture.Browser.NewPageAsync(fixture.BaseUrl, 1600, 1000);
        await page.GotoAsync("/d/ui3-features?" + query);
        await page.WaitForSelectorAsync(".dash-view[data-loaded='true']", new PageWaitForSelectorOptions { Timeout = 30_000 });
        return page;
    }

    private static ILocator Panel(IPage page, string title) => page.Locator($"[data-testid=panel][data-title='{title}']");

    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task Api_SendsTheRunningScrapeInterval_WithTheDashboard()
    {
        using var doc = JsonDocument.Parse(await fixture.Http.GetStringAsync("/api/argus/dashboards/ui3-features"));
        Assert.Equal("1s", doc.RootElement.GetProperty("data").GetProperty("meta").GetProperty("scrapeInterval").GetString());
    }

    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task Intervals_UseTheServersScrapeInterval_NotGrafanasDefault()
    {
        var page = await OpenAsync();
        var panel = Panel(page, "Intervals");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-state", "ok");
        var queries = JsonSerializer.Deserialize<string[]>((await panel.GetAttributeAsync("data-queries"))!)!;
        // maxDataPoints 100000 over 1h asks for 36 ms, floored to the 1 s scrape interval; rate = max(1s + 1s, 4 x 1s).
        Assert.Contains("count_over_time(up{job=\"argus\"}[4s])", queries);
        Assert.Contains("count_over_time(up{job=\"argus\"}[1s])", queries);
        await page.Context.CloseAsync();
        fixture.Browser.AssertNoConsoleErrors();
    }

    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task ValueMappings_InStatGaugeBargaugeAndTable()
    {
        var page = await OpenAsync();
        var up = Panel(page, "Up mapped").GetByTestId("stat-value");
        await Assertions.Expect(up).ToHaveTextAsync("UP");
        await Assertions.Expect(up).ToHaveCSSAsync("color", "rgb(184, 119, 217)");   // Grafana's "purple"
        await Assertions.Expect(Panel(page, "Null mapped").GetByTestId("stat-value")).ToHaveTextAsync("N/A");
        await Assertions.Expect(Panel(page, "Gauge range").GetByTestId("stat-value")).ToHaveTextAsync("forty-ish");
        await Assertions.Expect(Panel(page, "Bars special").GetByTestId("bar-value")).ToHaveTextAsync("off");
        var table = Panel(page, "Targets table");
        await Assertions.Expect(table.Locator("td", new LocatorLocatorOptions { HasTextString = "healthy" })).ToHaveCSSAsync("color", "rgb(115, 191, 105)");
        await Assertions.Expect(table.Locator("td", new LocatorLocatorOptions { HasTextString = $"port {fixture.Port}" })).ToHaveCountAsync(1);
        await fixture.Browser.ScreenshotAsync(page, "dashboard-panel-features");
        await page.Context.CloseAsync();
        fixture.Browser.AssertNoConsoleErrors();
    }

    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task DataLinks_CarryLabelsValueSeriesAndTimeRange()
    {
        var page = await OpenAsync();
        await Panel(page, "Up mapped").GetByTestId("stat-value").ClickAsync();
        var link = page.GetByTestId("data-links-menu").GetByTestId("data-link");
        await Assertions.Expect(link).ToHaveTextAsync($"Instance 127.0.0.1:{fixture.Port}");
        string href = (await link.GetAttributeAsync("href"))!;
        Assert.StartsWith($"/d/ui3-target?var-instance=127.0.0.1:{fixture.Port}&v=1&s=", href);
        Assert.Matches(@"&from=\d{13}&to=\d{13}$", href);

        // A table cell: the row's fields.
        await Panel(page, "Targets table").Locator("td", new LocatorLocatorOptions { HasTextString = "healthy" }).ClickAsync();
        var cellLink = page.GetByTestId("data-links-menu").GetByTestId("data-link");
        await Assertions.Expect(cellLink).ToHaveTextAsync($"Explore 127.0.0.1:{fixture.Port}");

        // Following a link navigates in the app.
        await link.Or(cellLink).First.ClickAsync();
        await page.WaitForURLAsync("**/graph?**");
        await page.Context.CloseAsync();
        fixture.Browser.AssertNoConsoleErrors();
    }

    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task DataLinks_OnAChartPoint()
    {
        var page = await OpenAsync("from=now-1m&to=now");
        var over = Panel(page, "Intervals").Locator(".u-over");
        var box = (await over.BoundingBoxAsync())!;
        // The newest points are at the right edge; the menu opens for the series nearest the cursor.
        await page.Mouse.ClickAsync(box.X + box.Width - 12, box.Y + box.Height / 2);
        var link = page.GetByTestId("data-links-menu").GetByTestId("data-link");
        await Assertions.Expect(link).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Point of (rate|interval) window$"));
        Assert.Matches($@"^/d/ui3-target\?t=\d{{13}}&i=127\.0\.0\.1:{fixture.Port}$", (await link.GetAttributeAsync("href"))!);
        await page.Context.CloseAsync();
        fixture.Browser.AssertNoConsoleErrors();
    }

    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task PanelAndDashboardLinks()
    {
        var page = await OpenAsync();
        await Panel(page, "Up mapped").GetByTestId("panel-links").ClickAsync();
        var runbook = page.GetByTestId("panel-links-menu").GetByTestId("panel-link");
        await Assertions.Expect(runbook).ToHaveTextAsync("Runbook for argus");
        Assert.Matches(@"^https://runbooks\.example/argus\?from=\d{13}&to=\d{13}$", (await runbook.GetAttributeAsync("href"))!);
        Assert.Equal("_blank", await runbook.GetAttributeAsync("target"));

        var bar = page.GetByTestId("dashboard-links");
        var links = bar.GetByTestId("dashboard-link");
        await Assertions.Expect(links).ToHaveCountAsync(2);   // the "link" entry and ui3-target by tag (not this dashboard)
        await Assertions.Expect(links.Nth(0)).ToHaveTextAsync("Target of argus");
        await links.Nth(0).HoverAsync();
        Assert.Matches(@"^/d/ui3-target\?from=\d{13}&to=\d{13}&var-job=argus$", (await links.Nth(0).GetAttributeAsync("href"))!);
        await Assertions.Expect(links.Nth(1)).ToHaveTextAsync("UI3 target");
        await links.Nth(1).ClickAsync();
        await page.WaitForURLAsync("**/d/ui3-target**");
        await page.WaitForSelectorAsync(".dash-view[data-uid='ui3-target'][data-loaded='true']");
        await page.Context.CloseAsync();
        fixture.Browser.AssertNoConsoleErrors();
    }

    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task Inspect_ShowsDataWithCsv_Queries_AndRawJson()
    {
        var page = await OpenAsync();
        var panel = Panel(page, "Intervals");
        await panel.GetByTestId("panel-menu").ClickAsync();
        await page.GetByTestId("panel-menu-inspect").ClickAsync();
        var inspect = page.GetByTestId("inspect");
        await Assertions.Expect(inspect.GetByTestId("inspect-data").Locator("tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(inspect.GetByTestId("inspect-data").Locator("thead th").First).ToHaveTextAsync("Time");

        var download = await page.RunAndWaitForDownloadAsync(() => inspect.GetByTestId("inspect-csv").ClickAsync());
        Assert.Equal("Intervals-data.csv", download.SuggestedFilename);
        string csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("Time,Series,Query,instance,job,Value\r\n", csv);   // count_over_time drops __name__
        Assert.Contains(",rate window,A,", csv);

        await inspect.GetByTestId("inspect-tab-query").ClickAsync();
        await Assertions.Expect(inspect.GetByTestId("inspect-expr").First).ToHaveTextAsync("count_over_time(up{job=\"argus\"}[4s])");
        await Assertions.Expect(inspect.GetByTestId("inspect-params").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^start=\d+ end=\d+ step=1$"));
        await Assertions.Expect(inspect).ToContainTextAsync("$__interval = 1s, $__rate_interval = 4s");

        await inspect.GetByTestId("inspect-tab-json").ClickAsync();
        var json = inspect.GetByTestId("inspect-json");
        await Assertions.Expect(json).ToContainTextAsync("\"status\": \"success\"");
        await Assertions.Expect(json).ToContainTextAsync("\"resultType\": \"matrix\"");
        await Assertions.Expect(json).ToContainTextAsync("// B: POST /api/v1/query_range");

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(inspect).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
        fixture.Browser.AssertNoConsoleErrors();
    }

    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task Explore_OpensTheExplorerWithThePanelsQueriesRangeAndStep()
    {
        var page = await OpenAsync();
        await Panel(page, "Intervals").GetByTestId("panel-menu").ClickAsync();
        var explore = page.GetByTestId("panel-menu-explore");
        var link = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri(fixture.BaseUrl), await explore.GetAttributeAsync("href")).Query);
        Assert.Equal("count_over_time(up{job=\"argus\"}[4s])", link["g0.expr"]);
        Assert.Equal("count_over_time(up{job=\"argus\"}[1s])", link["g1.expr"]);
        Assert.Equal("1", link["g0.step_input"]);
        Assert.Equal("now-1h", link["from"]);
        Assert.Equal("now", link["to"]);
        await explore.ClickAsync();
        await page.WaitForURLAsync("**/graph?**");
        // The explorer rewrites its URL in Prometheus's form: the queries, the step and the 1h range survive.
        var q = System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query);
        Assert.Equal("count_over_time(up{job=\"argus\"}[4s])", q["g0.expr"]);
        Assert.Equal("count_over_time(up{job=\"argus\"}[1s])", q["g1.expr"]);
        Assert.Equal("1", q["g0.step_input"]);
        Assert.Equal("1h", q["g0.range_input"]);
        await Assertions.Expect(page.Locator(".cm-content").First).ToContainTextAsync("count_over_time(up{job=\"argus\"}[4s])");
        await page.Context.CloseAsync();
        fixture.Browser.AssertNoConsoleErrors();
    }
}
