using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Argus.Tests.Testing;

namespace Argus.Tests.Serve.Auth;

/// <summary>
/// The real <c>argus</c> process (its own environment, so the variables do not leak into other tests): with
/// ARGUS_ADMIN_* set, probes stay open, /metrics and the API need credentials, the embedded self-scrape still works; a
/// bad --web.config.file stops the start with a message naming the file and line.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ServeAuthProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-authproc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Process Start(int port, Dictionary<string, string> env, params string[] extra)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(ArgusProcess.Dll);
        foreach (var a in (string[])["--storage.tsdb.path=" + Path.Combine(_dir, "data"), $"--web.listen-address=127.0.0.1:{port}", .. extra]) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        return Process.Start(psi)!;
    }

    [Fact]
    public async Task Serve_AdminFromEnvironment_ProtectsApiKeepsProbesAndSelfScrape()
    {
        int port = PeerProcess.FreePort();
        using var p = Start(port, new() { ["ARGUS_ADMIN_USER"] = "admin", ["ARGUS_ADMIN_PASSWORD"] = "pw" });
        var drained = Task.WhenAll(p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync()); // a full pipe would block argus
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            await Poll.UntilAsync(async () => await Poll.StatusAsync(http, "/-/ready") == 200, TimeSpan.FromSeconds(60), () => p.HasExited ? "argus exited" : null);
            Assert.Equal(200, await Poll.StatusAsync(http, "/-/healthy"));
            Assert.Equal(401, await Poll.StatusAsync(http, "/metrics"));
            Assert.Equal(401, await Poll.StatusAsync(http, "/api/v1/targets"));
            http.DefaultRequestHeaders.Authorization = AuthTestServer.Basic("admin", "pw");
            await Poll.UntilAsync(async () =>
            {
                using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/targets"));
                return doc.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                    .Any(t => t.GetProperty("labels").GetProperty("job").GetString() == "argus" && t.GetProperty("health").GetString() == "up");
            }, TimeSpan.FromSeconds(60), () => p.HasExited ? "argus exited" : null);
            string config = await http.GetStringAsync("/api/v1/status/config");
            Assert.Contains("<secret>", config);
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            await drained;
        }
    }

    [Fact]
    public async Task Serve_BadWebConfig_ExitsWithFileAndLine()
    {
        string web = Path.Combine(_dir, "web.yml");
        await File.WriteAllTextAsync(web, "basic_auth_users:\n  alice: not-a-hash\n");
        using var p = Start(PeerProcess.FreePort(), [], "--web.config.file=" + web);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(timeout.Token);
        string output = await stdout + await stderr;
        Assert.Equal(1, p.ExitCode);
        Assert.Contains($"{web}:2:10: password of user \"alice\" is not a bcrypt hash", output);
        Assert.DoesNotContain("not-a-hash", output);
    }
}
