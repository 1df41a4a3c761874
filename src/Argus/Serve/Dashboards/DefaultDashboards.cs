namespace Argus.Serve.Dashboards;

/// <summary>
/// The dashboards shipped inside the binary (repository folder <c>dashboards/</c>), written for the series Argus itself
/// produces: cluster overview (the home page), nodes, namespaces and pods, workloads, persistent volumes and Argus.
/// </summary>
public static class DefaultDashboards
{
    private const string Prefix = "dashboards/";

    /// <summary>The folder the defaults are listed under.</summary>
    public const string Folder = "Argus";

    /// <summary>The uid of the home page dashboard.</summary>
    public const string HomeUid = "argus-cluster-overview";

    /// <summary>Loads every embedded dashboard; an invalid one (a build mistake) is returned with its error like a file's.</summary>
    public static IReadOnlyList<Dashboard> Load()
    {
        var assembly = typeof(DefaultDashboards).Assembly;
        var result = new List<Dashboard>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"BUG: embedded resource {name} listed but not readable");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            result.Add(DashboardLoader.Load(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), "embedded:" + name, Folder, embedded: true));
        }
        return result;
    }
}
