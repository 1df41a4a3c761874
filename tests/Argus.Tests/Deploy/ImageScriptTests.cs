using System.Text.RegularExpressions;

namespace Argus.Tests.Deploy;

/// <summary>
/// deploy/image/build.sh builds without a registry the image the Dockerfile describes; building it is too slow for a
/// test, so these check that the scripts parse and that the image config they set is the Dockerfile's.
/// </summary>
public sealed partial class ImageScriptTests
{
    private static readonly string s_imageDir = Path.Combine(DeployTool.RepoRoot, "deploy", "image");
    private static readonly string s_build = File.ReadAllText(Path.Combine(s_imageDir, "build.sh"));
    private static readonly string[] s_dockerfile = File.ReadAllLines(Path.Combine(DeployTool.RepoRoot, "Dockerfile"))
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();

    private static string Instruction(string name) =>
        s_dockerfile.Last(l => l.StartsWith(name + " ", StringComparison.OrdinalIgnoreCase))[(name.Length + 1)..].Trim();

    [Theory]
    [InlineData("build.sh")]
    [InlineData("check.sh")]
    public void Script_ParsesAndAnswersHelp(string script)
    {
        string path = Path.Combine(s_imageDir, script);
        var syntax = DeployTool.Run("bash", s_imageDir, "-n", path);
        Assert.True(syntax.ExitCode == 0, syntax.Stderr);
        var help = DeployTool.Run("bash", s_imageDir, path, "--help");
        Assert.True(help.ExitCode == 0, help.Stderr);
        Assert.Contains("Usage: deploy/image/" + script, help.Stdout);
        var bad = DeployTool.Run("bash", s_imageDir, path, "--no-such-flag");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("unknown argument \"--no-such-flag\"", bad.Stderr);
    }

    [Fact]
    public void BuildScript_ImageConfig_IsTheDockerfiles()
    {
        Assert.Equal(Instruction("USER"), AppUid().Match(s_build).Groups[1].Value);
        Assert.Contains("--user \"$app_uid\"", s_build);
        Assert.Contains($"--entrypoint '{Instruction("ENTRYPOINT")}'", s_build);
        Assert.Contains($"--cmd '{Instruction("CMD")}'", s_build);
        Assert.Contains($"--workingdir {Instruction("WORKDIR")}", s_build);
        foreach (string port in Instruction("EXPOSE").Split(' ', StringSplitOptions.RemoveEmptyEntries)) Assert.Contains($"--port {port}", s_build);
        Assert.Contains("buildah from scratch", s_build);
    }

    [GeneratedRegex(@"^app_uid=(\d+)$", RegexOptions.Multiline)]
    private static partial Regex AppUid();
}
