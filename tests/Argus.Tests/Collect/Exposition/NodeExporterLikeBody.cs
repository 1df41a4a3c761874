using System.Globalization;
using System.Text;

namespace Argus.Tests.Collect.Exposition;

/// <summary>A node-exporter-shaped text body (HELP/TYPE per family, cpu/disk/network label sets, mixed value forms).</summary>
public static class NodeExporterLikeBody
{
    public static byte[] Create(int families)
    {
        var sb = new StringBuilder();
        var rnd = new Random(42);
        for (int f = 0; f < families; f++)
        {
            string name = $"node_family_{f}_total";
            sb.Append("# HELP ").Append(name).Append(" Family number ").Append(f).Append(" of a node-exporter-like body.\n");
            sb.Append("# TYPE ").Append(name).Append(f % 3 == 0 ? " counter\n" : " gauge\n");
            int series = 1 + f % 8;
            for (int s = 0; s < series; s++)
            {
                sb.Append(name).Append("{cpu=\"").Append(s).Append("\",mode=\"idle\",device=\"eth").Append(s % 4).Append("\"} ");
                sb.Append((rnd.NextDouble() * 1e6).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
