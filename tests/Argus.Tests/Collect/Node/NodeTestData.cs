using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Argus.Collect.Node;
using Argus.Model;

namespace Argus.Tests.Collect.Node;

/// <summary>The fixture /proc and /sys trees beside these tests, and a plain text rendering of collected families.</summary>
internal static class NodeTestData
{
    public static string Root { get; } = Locate();

    public static NodeOptions Options { get; } = new()
    {
        ProcPath = Path.Combine(Root, "proc"),
        SysPath = Path.Combine(Root, "sys"),
        UdevDataPath = Path.Combine(Root, "udev"),
    };

    // testdata/ is read in place (found from this source file's path) rather than copied to the output directory.
    private static string Locate([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "testdata");

    public static List<MetricFamily> Collect(ICollector collector)
    {
        var families = new List<MetricFamily>();
        collector.Collect(families);
        return families;
    }

    /// <summary>Each series as <c>name{a="1",b="2"} value</c>, labels sorted, values round-trippable, lines sorted.</summary>
    public static string[] Series(IEnumerable<MetricFamily> families) =>
        [.. families.SelectMany(f => f.Points.Select(Line)).Order(StringComparer.Ordinal)];

    public static string Line(MetricPoint p)
    {
        var sb = new StringBuilder(p.Labels.MetricNameValue);
        var rest = p.Labels.Where(l => l.Name != Labels.MetricName).ToList();
        if (rest.Count > 0)
        {
            sb.Append('{').AppendJoin(',', rest.Select(l => $"{l.Name}=\"{l.Value}\"")).Append('}');
        }
        return sb.Append(' ').Append(p.Value.ToString("R", CultureInfo.InvariantCulture)).ToString();
    }

    public static MetricFamily Family(IEnumerable<MetricFamily> families, string name) =>
        Assert.Single(families, f => f.Name == name);
}
