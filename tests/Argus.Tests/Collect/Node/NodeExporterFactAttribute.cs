namespace Argus.Tests.Collect.Node;

/// <summary>A fact that is skipped, saying why, when Debian's prometheus-node-exporter is not installed.</summary>
public sealed class NodeExporterFactAttribute : FactAttribute
{
    public const string Binary = "/usr/bin/prometheus-node-exporter";

    public NodeExporterFactAttribute()
    {
        if (!File.Exists(Binary))
        {
            Skip = $"{Binary} is not installed (apt-get install prometheus-node-exporter); the side-by-side comparison needs it";
        }
    }
}
