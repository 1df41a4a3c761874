using Argus.Serve;
using Microsoft.Extensions.Configuration;

namespace Argus.Tests.Serve;

public sealed class WebServerHostTests
{
    [Fact]
    public void CreateBuilder_WatchesNoConfigurationFilesAndDoesNotRootAtTheWorkingDirectory()
    {
        // The working directory holds ./data: a recursive appsettings watcher there wakes on every WAL and chunk write.
        var builder = WebServer.CreateBuilder();
        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        Assert.DoesNotContain(sources.OfType<FileConfigurationSource>(), s => s.ReloadOnChange);
        Assert.Equal(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory),
            Path.TrimEndingDirectorySeparator(builder.Environment.ContentRootPath));
    }
}
