using System.Runtime.CompilerServices;

namespace Argus.Tests.Config;

/// <summary>Locates fixtures in Config/testdata beside this source file (read in place, not copied to the output).</summary>
internal static class ConfigTestData
{
    public static string Directory { get; } = Locate();

    public static string PathOf(string name) => System.IO.Path.Combine(Directory, name);

    private static string Locate([CallerFilePath] string source = "") =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(source)!, "testdata");

    /// <summary>The shared reference fixtures (../shared from the repository root).</summary>
    public static string SharedFixture(string relative, [CallerFilePath] string source = "")
    {
        string root = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(source)!, "..", "..", ".."));
        return System.IO.Path.Combine(root, "..", "shared", "contracts", "fixtures", relative);
    }
}
