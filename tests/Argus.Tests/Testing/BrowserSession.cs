using Microsoft.Playwright;

namespace Argus.Tests.Testing;

/// <summary>
/// A real headless Chromium (Debian's /usr/bin/chromium, never a downloaded build) driven by Playwright, for the browser
/// tests of the web UI. Every page it opens records console errors and uncaught exceptions; <see cref="AssertNoConsoleErrors"/>
/// fails the test on any. Screenshots go to <see cref="ScreenshotDirectory"/> (TestResults/screenshots beside the tests).
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// Endpoints other branches add (auth: /api/argus/session; dashboards: /api/argus/dashboards). The UI treats their 404 as
    /// "feature absent", but Chromium still logs the failed load as a console error, which is not a UI fault.
    /// </summary>
    public static readonly string[] OptionalEndpoints = ["/api/argus/session", "/api/argus/dashboards"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _errors = [];
    private readonly List<string> _screenshots = [];

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>Why browser tests cannot run here, or null when they can.</summary>
    public static string? Unavailable => File.Exists(ChromiumPath) ? null : $"{ChromiumPath} is not installed (apt-get install chromium)";

    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_errors) return [.. _errors];
        }
    }

    /// <summary>Paths of the screenshots this session saved.</summary>
    public IReadOnlyList<string> Screenshots => _screenshots;

    /// <param name="extraArgs">Chromium switches after the usual ones (the page-load benchmark's <c>--disable-features</c>).</param>
    public static async Task<BrowserSession> LaunchAsync(IEnumerable<string>? extraArgs = null)
    {
        // Expect(...) waits 5 s by default; the suite runs beside builds and other tests on 2 cores, as actions already do (15 s).
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage", .. extraArgs ?? []],
            });
            return new BrowserSession(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A page in a fresh context (own storage) at 1280x800 unless told, recording console errors.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl, int width = 1280, int height = 800, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.Console += (_, msg) =>
        {
            if (msg.Type != "error") return;
            string where = msg.Location ?? "";
            if (OptionalEndpoints.Any(e => where.Contains(e, StringComparison.Ordinal)) && msg.Text.Contains("404", StringComparison.Ordinal)) return;
            lock (_errors) _errors.Add($"console error on {page.Url}: {msg.Text} ({where})");
        };
        page.PageError += (_, error) =>
        {
            lock (_errors) _errors.Add($"uncaught exception on {page.Url}: {error}");
        };
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        return page;
    }

    /// <summary>Saves a full-page screenshot as TestResults/screenshots/&lt;name&gt;.png and returns its path.</summary>
    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        string path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        _screenshots.Add(path);
        return path;
    }

    public void AssertNoConsoleErrors()
    {
        var errors = ConsoleErrors;
        Assert.True(errors.Count == 0, "the browser reported errors:\n" + string.Join("\n", errors));
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
