using System.Diagnostics;

namespace Argus.Tests.Serve.Ui;

/// <summary>
/// Runs the web UI's own unit tests (web/src/**/*.test.ts: routes, time ranges, Prometheus links, matchers) with node's test
/// runner through web/test.mjs. The .NET build has already run npm ci for web/, so esbuild is there.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WebUnitTests
{
    [Fact]
    public async Task NodeTestRunnerPassesTheUiUnitTests()
    {
        string output = await RunNodeAsync("test.mjs");
        Assert.Contains("# fail 0", output);
        Assert.DoesNotContain("# pass 0\n", output);
    }

    /// <summary>The dashboard renderer's older case list (web/src/dashboards/tests/*.test.ts), which has its own runner.</summary>
    [Fact]
    public async Task DashboardCaseRunnerPassesEveryCase()
    {
        string output = await RunNodeAsync("src/dashboards/run-tests.mjs");
        Assert.Matches(@"(?m)^(\d+)/\1 passed$", output);
        Assert.DoesNotContain("0/0 passed", output);
    }

    private static async Task<string> RunNodeAsync(string script)
    {
        string web = Path.Combine(RepoRoot(), "web");
        var psi = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var node = Process.Start(psi)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(timeout.Token);
        string output = await stdout + await stderr;
        Assert.True(node.ExitCode == 0, $"node {script} in {web} exited {node.ExitCode}:\n{output}");
        return output;
    }

    /// <summary>The checkout this file was compiled from.</summary>
    private static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", ".."));
}
