using Argus.Tests.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Argus.Tests.Browser;

/// <summary>The explorer in a real Chromium against a real Argus: a typed query, Prometheus's link form, 500x1000 charts.</summary>
[Trait("Category", "Integration")]
[Collection(UiCollection.Name)]
public sealed class ExplorerBrowserTests(UiFixture ui, ITestOutputHelper output)
{
    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task TypedQueryShowsAGraphAndATableAndTheUrlReproducesIt()
    {
        var page = await ui.Browser.NewPageAsync(ui.Argus.BaseUrl);
        await page.GotoAsync("/graph");
        await page.Locator("[data-testid=promql-input]").ClickAsync();
        await page.Keyboard.TypeAsync("up{job=\"argus\"}");
        await page.Keyboard.PressAsync("Escape"); // closes the completion list if one is open
        await page.Locator("[data-testid=execute]").ClickAsync();

        var legend = page.Locator("[data-testid=legend] .legend-item");
        await Expect(legend).ToHaveCountAsync(1);
        await Expect(legend.First).ToContainTextAsync("instance=\"127.0.0.1:");
        await Expect(page.Locator("[data-testid=query-stats]")).ToContainTextAsync("Result series: 1");
        Assert.Contains("g0.expr=up%7Bjob%3D%22argus%22%7D", page.Url);
        output.WriteLine(await ui.Browser.ScreenshotAsync(page, "explorer-graph"));

        await page.Locator("[data-testid=tab-table]").ClickAsync();
        await Expect(page.Locator("[data-testid=result-table]")).ToContainTextAsync("env=\"test\"");
        Assert.Contains("g0.tab=1", page.Url);
        output.WriteLine(await ui.Browser.ScreenshotAsync(page, "explorer-table"));

        // The URL alone reproduces the view in a new page.
        var again = await ui.Browser.NewPageAsync(ui.Argus.BaseUrl);
        await again.GotoAsync(page.Url);
        await Expect(again.Locator("[data-testid=result-table]")).ToContainTextAsync("env=\"test\"");
        await Expect(again.Locator(".cm-content")).ToHaveTextAsync("up{job=\"argus\"}");
        ui.Browser.AssertNoConsoleErrors();
    }

    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task PrometheusLinkFormOpensTheTableOfARecordingRule()
    {
        var page = await ui.Browser.NewPageAsync(ui.Argus.BaseUrl);
        await page.GotoAsync("/graph?g0.expr=job%3Aup%3Asum&g0.tab=1&g0.range_input=30m&g0.stacked=0");
        await Expect(page.Locator("[data-testid=result-table]")).ToContainTextAsync("job:up:sum{job=\"argus\"}", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=time-range]")).ToContainTextAsync("Last 30 minutes");
        ui.Browser.AssertNoConsoleErrors();
    }

    [PeerFact(BrowserSession.ChromiumPath)]
    public async Task FiveHundredSeriesOfAThousandPointsRenderQuicklyWithLegendAndHoverValues()
    {
        long end = ui.Argus.LoadEndMs;
        long start = end - (UiArgus.LoadPoints - 1L) * UiArgus.LoadStepSeconds * 1000;
        var page = await ui.Browser.NewPageAsync(ui.Argus.BaseUrl);
        await page.GotoAsync($"/graph?g0.expr=ui_load&g0.tab=0&g0.step_input={UiArgus.LoadStepSeconds}&from={start}&to={end}");
        var legend = page.Locator("[data-testid=legend] .legend-item");
        await Expect(legend).ToHaveCountAsync(UiArgus.LoadSeries, new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=query-stats]")).ToContainTextAsync($"Result series: {UiArgus.LoadSeries}");

        var chart = page.Locator("[data-testid=chart]");
        double renderMs = double.Parse((await chart.GetAttributeAsync("data-render-ms"))!, System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"500 series x 1000 points: first draw {renderMs:F0} ms");
        // uPlot draws this in ~100-300 ms on a laptop; 2 s leaves room for a loaded 2-core CI machine and still catches a
        // per-point DOM or an accidental O(n^2).
        Assert.True(renderMs < 2000, $"drawing 500x1000 took {renderMs:F0} ms");

        // Stacked mode redraws at the same size.
        await page.Locator("[data-testid=stacked]").CheckAsync();
        Assert.Contains("g0.stacked=1", page.Url);
        double stackedMs = double.Parse((await chart.GetAttributeAsync("data-render-ms"))!, System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"stacked: {stackedMs:F0} ms");
        Assert.True(stackedMs < 2000, $"drawing 500x1000 stacked took {stackedMs:F0} ms");
        await page.Locator("[data-testid=stacked]").UncheckAsync();

        // Hovering lists the highest values and how many more there are.
        var over = page.Locator(".u-over");
        var box = (await over.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await Expect(page.Locator(".chart-tooltip")).ToContainTextAsync($"+{UiArgus.LoadSeries - 12} more");
        output.WriteLine(await ui.Browser.ScreenshotAsync(page, "explorer-500-series"));

        // Clicking a legend entry isolates that series; clicking it again shows all.
        await legend.Nth(7).ClickAsync();
        await Expect(page.Locator("[data-testid=legend] .legend-item.hidden-series")).ToHaveCountAsync(UiArgus.LoadSeries - 1);
        await legend.Nth(7).ClickAsync();
        await Expect(page.Locator("[data-testid=legend] .legend-item.hidden-series")).ToHaveCountAsync(0);
        ui.Browser.AssertNoConsoleErrors();
    }
}
