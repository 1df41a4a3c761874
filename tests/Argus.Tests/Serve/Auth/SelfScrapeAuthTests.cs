using Argus.Config;

namespace Argus.Tests.Serve.Auth;

/// <summary>With authentication on, the embedded configuration's self-scrape carries a token, and the shown config hides it.</summary>
public sealed class SelfScrapeAuthTests
{
    [Theory]
    [InlineData(false, "http")]
    [InlineData(true, "https")]
    public void EmbeddedConfig_WithSelfScrapeAuth_LoadsWithCredentials_AndHidesThem(bool tls, string scheme)
    {
        string token = Argus.Serve.Auth.SessionStore.RandomToken();
        var loaded = ArgusServer.LoadConfig(null, 9090, ArgusServer.SelfScrapeYaml(token, tls));
        Assert.True(loaded.Success, loaded.ErrorText);
        var job = Assert.Single(loaded.Config!.ScrapeConfigs);
        Assert.Equal("argus", job.JobName);
        Assert.Equal(scheme, job.Scheme);
        Assert.Equal(token, job.Authorization!.Credentials!.Value);
        Assert.Equal(tls, job.TlsConfig?.InsecureSkipVerify ?? false);
        Assert.DoesNotContain(token, loaded.Config.ToYaml());
    }
}
