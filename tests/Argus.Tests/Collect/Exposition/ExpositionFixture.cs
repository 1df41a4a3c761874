using System.Text;
using System.Text.Json;

namespace Argus.Tests.Collect.Exposition;

/// <summary>One case of shared/contracts/fixtures/exposition-edge-cases.json: a body Prometheus 2.42 scraped, and its verdict.</summary>
public sealed record ExpositionFixture(string Case, string? ContentType, byte[] Body, bool Ok, string Error)
{
    public override string ToString() => Case;

    private static readonly Lazy<IReadOnlyList<ExpositionFixture>> s_all = new(Load);

    public static IReadOnlyList<ExpositionFixture> All => s_all.Value;

    public static ExpositionFixture Get(string name) => All.Single(f => f.Case == name);

    /// <summary>The shared reference folder (../shared beside the repository root), found by walking up from the test binary.</summary>
    public static string SharedDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Argus.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                }
            }
            throw new DirectoryNotFoundException($"no Argus.sln above {AppContext.BaseDirectory}");
        }
    }

    private static IReadOnlyList<ExpositionFixture> Load()
    {
        string path = Path.Combine(SharedDirectory, "contracts", "fixtures", "exposition-edge-cases.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var list = new List<ExpositionFixture>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            string body = c.GetProperty("body").GetString()!;
            byte[] bytes = c.GetProperty("body_encoding").GetString() == "base64" ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
            list.Add(new ExpositionFixture(
                c.GetProperty("case").GetString()!,
                c.GetProperty("content_type").ValueKind == JsonValueKind.Null ? null : c.GetProperty("content_type").GetString(),
                bytes,
                c.GetProperty("prometheus_2_42_scrape").GetString() == "ok",
                c.GetProperty("error").GetString() ?? ""));
        }
        return list;
    }
}
