using Argus.Cli;

namespace Argus.Tests.Cli;

public sealed class ArgusCommandTests
{
    private ServeOptions? _serve;
    private AgentOptions? _agent;

    private Task<int> Run(params string[] args) => RunWith(new StringWriter(), args);

    private Task<int> RunWith(TextWriter stderr, params string[] args)
    {
        var root = ArgusCommand.Build(
            (o, _) => { _serve = o; return Task.FromResult(0); },
            (o, _) => { _agent = o; return Task.FromResult(0); },
            (files, _, _) => files.Count,
            (_, _, _, _) => 0);
        return ArgusCommand.RunAsync(root, args, stderr);
    }

    [Fact]
    public async Task NoVerbRunsTheServerWithPrometheusDefaults()
    {
        Assert.Equal(0, await Run());
        Assert.NotNull(_serve);
        Assert.Null(_serve!.ConfigFile);
        Assert.Equal("data", _serve.StoragePath);
        Assert.Equal(TimeSpan.FromDays(15), _serve.RetentionTime);
        Assert.Equal("0.0.0.0:9090", _serve.ListenAddress);
    }

    [Fact]
    public async Task PrometheusFlagNamesAreAcceptedWithEqualsOrSpace()
    {
        Assert.Equal(0, await Run("serve", "--config.file=/etc/prometheus.yml", "--storage.tsdb.path", "/var/lib/argus",
            "--storage.tsdb.retention.time=30d", "--storage.tsdb.retention.size=10GB", "--web.listen-address=:9091", "--log.level=debug"));
        Assert.Equal("/etc/prometheus.yml", _serve!.ConfigFile);
        Assert.Equal("/var/lib/argus", _serve.StoragePath);
        Assert.Equal(TimeSpan.FromDays(30), _serve.RetentionTime);
        Assert.Equal(10L << 30, _serve.RetentionSizeBytes);
        Assert.Equal(":9091", _serve.ListenAddress);
        Assert.Equal("30d", _serve.Flags["storage.tsdb.retention.time"]);
    }

    [Theory]
    [InlineData("--no-such-flag")]
    [InlineData("--storage.tsdb.retention.time=15 days")]
    [InlineData("--storage.tsdb.retention.size=lots")]
    [InlineData("--web.listen-address=nohostport")]
    [InlineData("--log.level=verbose")]
    public async Task BadFlagsExitWithTwoAndSayWhy(string arg)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, await RunWith(stderr, arg));
        Assert.Null(_serve);
        Assert.Contains("argus: error:", stderr.ToString());
    }

    [Fact]
    public async Task AgentDefaultsToNodeExporterPort()
    {
        Assert.Equal(0, await Run("agent", "--path.procfs=/host/proc"));
        Assert.Equal("0.0.0.0:9100", _agent!.ListenAddress);
        Assert.Equal("/host/proc", _agent.ProcPath);
    }

    [Fact]
    public async Task CheckConfigReceivesAllFiles() => Assert.Equal(2, await Run("check", "config", "a.yml", "b.yml"));
}
