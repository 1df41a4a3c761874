namespace Argus.Tests.Cli;

public sealed class CheckConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-check-").FullName;

    [Fact]
    public void ValidFileSucceeds()
    {
        string f = Path.Combine(_dir, "ok.yml");
        File.WriteAllText(f, "scrape_configs:\n  - job_name: a\n    static_configs: [{targets: ['x:1']}]\n");
        var stdout = new StringWriter();
        Assert.Equal(0, Program.CheckConfig([f], stdout, new StringWriter()));
        Assert.Contains("SUCCESS", stdout.ToString());
    }

    [Fact]
    public void EveryErrorIsPrintedWithFileLineAndColumn()
    {
        string f = Path.Combine(_dir, "bad.yml");
        File.WriteAllText(f, "global:\n  scrape_interval: 10s\n  scrape_timeout: 20s\nscrape_configs:\n  - job_name: a\n    unknown_key: 1\n");
        var stderr = new StringWriter();
        Assert.Equal(1, Program.CheckConfig([f], new StringWriter(), stderr));
        string text = stderr.ToString();
        Assert.Contains("bad.yml:", text);
        Assert.Matches(@"bad\.yml:\d+:\d+: ", text);
    }

    [Fact]
    public void MissingFileFails()
    {
        var stderr = new StringWriter();
        Assert.Equal(1, Program.CheckConfig([Path.Combine(_dir, "missing.yml")], new StringWriter(), stderr));
        Assert.Contains("missing.yml", stderr.ToString());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
