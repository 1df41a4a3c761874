using System.Text.RegularExpressions;

namespace Argus.Tests;

/// <summary>
/// The boundaries between stages that one project cannot enforce by itself: a table of allowed namespace edges
/// (../shared/STYLE.md §1). Data flows Model ← Config ← Collect/Store/Query/Rules/Notify ← Serve; Collect and Query read
/// and write the Store; nothing but the composition root uses Serve or Cli.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly Dictionary<string, string[]> s_allowed = new()
    {
        ["Model"] = [],
        ["Telemetry"] = ["Model"],
        ["Template"] = ["Model"],
        ["Config"] = ["Model", "Telemetry"],
        ["Store"] = ["Model", "Config", "Telemetry"],
        ["Collect"] = ["Model", "Config", "Store", "Telemetry"],
        ["Query"] = ["Model", "Config", "Store", "Telemetry"],
        ["Rules"] = ["Model", "Config", "Store", "Query", "Template", "Telemetry"],
        ["Notify"] = ["Model", "Config", "Template", "Telemetry"],
        ["Remote"] = ["Model", "Config", "Store", "Collect", "Telemetry"],
        ["Serve"] = ["Model", "Config", "Store", "Collect", "Query", "Rules", "Notify", "Remote", "Template", "Telemetry"],
        ["Cli"] = ["Model", "Config", "Store", "Collect", "Query", "Rules", "Remote", "Template", "Telemetry"],
    };

    [Fact]
    public void EveryUsingFollowsTheAllowedEdges()
    {
        string src = Path.Combine(RepoRoot(), "src", "Argus");
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")) continue;
            string text = File.ReadAllText(file);
            var ns = NamespaceRegex().Match(text);
            if (!ns.Success) continue;
            string[] parts = ns.Groups[1].Value.Split('.');
            if (parts.Length < 2) continue; // the composition root (namespace Argus) may use everything
            string stage = parts[1];
            Assert.True(s_allowed.ContainsKey(stage), $"{file}: namespace stage '{stage}' is not in the architecture table");
            foreach (Match u in UsingRegex().Matches(text))
            {
                string target = u.Groups[1].Value;
                if (target != stage && !s_allowed[stage].Contains(target))
                {
                    violations.Add($"{Path.GetRelativePath(src, file)}: {stage} must not use Argus.{target}");
                }
            }
        }
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    internal static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    [GeneratedRegex(@"^namespace\s+(Argus(?:\.\w+)*)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceRegex();

    // using Argus.X; using static Argus.X.Y; using A = Argus.X.Y; and fully qualified Argus.X. references in code.
    [GeneratedRegex(@"(?:^using\s+(?:static\s+)?(?:\w+\s*=\s*)?Argus\.|[^\w.]global::Argus\.)(\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingRegex();
}
