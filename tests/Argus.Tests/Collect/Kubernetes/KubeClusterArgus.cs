using System.Text.Json;
using Argus.Tests.Testing;

namespace Argus.Tests.Collect.Kubernetes;

/// <summary>
/// The real <c>argus</c> process against the in-process API server: a kubeconfig and a service-account-style token file
/// pointing at <see cref="Kube"/> (which then demands that token), <c>--kube-state-metrics</c> on, and the given
/// prometheus.yml (and alertmanager.yml) text. For end-to-end tests of the Kubernetes features.
/// </summary>
public sealed class KubeClusterArgus : IAsyncDisposable
{
    public const string Token = "test-token";

    private readonly ArgusProcess _argus;

    private KubeClusterArgus(string dir, FakeKubeApiServer kube, ArgusProcess argus, int port)
    {
        Directory = dir;
        Kube = kube;
        _argus = argus;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) }; // generous: CI machines are shared
    }

    public string Directory { get; }
    public FakeKubeApiServer Kube { get; }
    public HttpClient Http { get; }
    public string Output => _argus.Output;

    /// <summary>The path of the token file (what <c>credentials_file</c> names in-cluster), for configs written by tests.</summary>
    public static string TokenFile(string dir) => Path.Combine(dir, "token");

    /// <summary>Starts the API server, lets <paramref name="setup"/> load it, writes the files and starts Argus.
    /// <paramref name="prometheusYml"/> gets the working directory and the API server URL.</summary>
    public static async Task<KubeClusterArgus> StartAsync(Action<FakeKubeApiServer> setup, Func<string, string, string> prometheusYml,
        Func<string, string>? alertmanagerYml = null, params string[] extraArgs)
    {
        string dir = System.IO.Directory.CreateTempSubdirectory("argus-e2e-kube-").FullName;
        var kube = await FakeKubeApiServer.StartAsync();
        setup(kube);
        kube.ValidToken = Token;
        await File.WriteAllTextAsync(TokenFile(dir), Token + "\n");
        string kubeconfig = Path.Combine(dir, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            current-context: fake
            clusters:
              - name: fake
                cluster:
                  server: {{kube.Url}}
            contexts:
              - name: fake
                context: {cluster: fake, user: fake}
            users:
              - name: fake
                user: {token: {{Token}}}
            """);
        string config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, prometheusYml(dir, kube.Url));
        int port = PeerProcess.FreePort();
        List<string> args =
        [
            "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(dir, "data"), $"--web.listen-address=127.0.0.1:{port}",
            "--kube-state-metrics=true", "--kubeconfig=" + kubeconfig, .. extraArgs,
        ];
        if (alertmanagerYml is not null)
        {
            string am = Path.Combine(dir, "alertmanager.yml");
            await File.WriteAllTextAsync(am, alertmanagerYml(dir));
            args.Add("--alertmanager.config.file=" + am);
        }
        var argus = ArgusProcess.Start([.. args]);
        var cluster = new KubeClusterArgus(dir, kube, argus, port);
        try
        {
            await cluster.UntilAsync(async () => await Poll.StatusAsync(cluster.Http, "/-/ready") == 200, TimeSpan.FromSeconds(60));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    public Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout) =>
        Poll.UntilAsync(condition, timeout, () => _argus.HasExited ? "argus exited:\n" + _argus.Output : null);

    /// <summary>The instant query's result as (labels, value) pairs.</summary>
    public async Task<List<(Dictionary<string, string> Labels, string Value)>> QueryAsync(string expr)
    {
        string text;
        try
        {
            text = await Http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(expr));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new InvalidOperationException($"query {expr} failed: {e.Message}\nargus output:\n{Output}", e);
        }
        using var doc = JsonDocument.Parse(text);
        var data = doc.RootElement.GetProperty("data");
        return [.. data.GetProperty("result").EnumerateArray().Select(r => (
            r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            r.GetProperty("value")[1].GetString()!))];
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _argus.DisposeAsync();
        await Kube.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
