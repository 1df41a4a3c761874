using Argus.Tests.Serve.Api.Alertmanager;
using Argus.Tests.Testing;

namespace Argus.Tests.Serve.Auth;

/// <summary>Debian's amtool against Argus with authentication on, credentials in the URL as amtool's docs show.</summary>
[Trait("Category", "Integration")]
public sealed class AmtoolAuthTests
{
    [PeerFact(AmtoolTests.Amtool)]
    public async Task Amtool_WithCredentialsInUrl_QueriesAndAddsSilences_ViewerCannotAdd()
    {
        await using var server = await AuthTestServer.StartAsync();
        string admin = $"http://admin:admin-pw@127.0.0.1:{server.Port}";
        var (exit, output) = await AmtoolTests.RunAsync(admin, "silence", "add", "alertname=Maintenance", "--comment=auth test", "--author=tester", "--duration=1h");
        Assert.True(exit == 0, output);
        string id = output.Trim();
        (exit, output) = await AmtoolTests.RunAsync($"http://grafana:grafana-pw@127.0.0.1:{server.Port}", "silence", "query", "-q");
        Assert.True(exit == 0, output);
        Assert.Equal(id, output.Trim());
        (exit, output) = await AmtoolTests.RunAsync($"http://viewer:viewer-pw@127.0.0.1:{server.Port}", "silence", "query", "-q");
        Assert.True(exit == 0, output);
        Assert.Equal(id, output.Trim());

        (exit, output) = await AmtoolTests.RunAsync($"http://viewer:viewer-pw@127.0.0.1:{server.Port}", "silence", "expire", id);
        Assert.NotEqual(0, exit);
        (exit, output) = await AmtoolTests.RunAsync($"http://127.0.0.1:{server.Port}", "silence", "query", "-q");
        Assert.NotEqual(0, exit);
        Assert.Single(server.Notify.Silences.List());
    }
}
