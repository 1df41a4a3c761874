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
        string web = Path.Combine(RepoRoot(), "web");
        var psi = new ProcessStartInfo("node", "test.mjs")
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
        Assert.True(node.ExitCode == 0, $"node test.mjs in {web} exited {node.ExitCode}:\n{output}");
        Assert.Contains("# fail 0", output);
        Assert.DoesNotContain("# pass 0\n", output);
    }

    /// <summary>The checkout this file was compiled from.</summary>
    private static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", ".."));
}
