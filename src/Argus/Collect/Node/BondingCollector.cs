using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>
/// Bonding interfaces from sysfs, as node-exporter's bonding collector: node_bonding_slaves{master} counts the slaves
/// listed in /sys/class/net/&lt;master&gt;/bonding/slaves, node_bonding_active{master} those whose
/// bonding_slave/mii_status is "up". Without the bonding driver (no bonding_masters file) there is no data.
/// </summary>
public sealed class BondingCollector : ICollector
{
    private static readonly MetricDesc s_slaves = new("node_bonding_slaves", MetricType.Gauge,
        "Number of configured slaves per bonding interface.", "master");
    private static readonly MetricDesc s_active = new("node_bonding_active", MetricType.Gauge,
        "Number of active slaves per bonding interface.", "master");

    private readonly string _sysClassNet;
    private readonly string _mastersPath;

    public BondingCollector(NodeOptions options)
    {
        _sysClassNet = options.Sys("class/net");
        _mastersPath = Path.Combine(_sysClassNet, "bonding_masters");
    }

    public void Collect(List<MetricFamily> into)
    {
        string? masters = ProcFile.TryReadString(_mastersPath);
        if (masters is null)
        {
            throw new NoDataException($"bonding statistics are unavailable: cannot read {_mastersPath}");
        }
        var slaves = new List<MetricPoint>();
        var active = new List<MetricPoint>();
        foreach (string master in masters.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string slavesPath = Path.Combine(_sysClassNet, master, "bonding", "slaves");
            string list = ProcFile.TryReadString(slavesPath)
                ?? throw new IOException($"bonding master {master} listed in {_mastersPath} has no readable {slavesPath}");
            int total = 0, up = 0;
            foreach (string slave in list.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                total++;
                // The master links each slave as lower_<slave> (slave_<slave> on old kernels); both lead to the slave's
                // own bonding_slave/ directory, which is read last.
                string? status = ProcFile.TryReadString(Path.Combine(_sysClassNet, master, "lower_" + slave, "bonding_slave", "mii_status"))
                    ?? ProcFile.TryReadString(Path.Combine(_sysClassNet, master, "slave_" + slave, "bonding_slave", "mii_status"))
                    ?? ProcFile.TryReadString(Path.Combine(_sysClassNet, slave, "bonding_slave", "mii_status"));
                if (status == "up") up++;
            }
            slaves.Add(new MetricPoint(s_slaves.With(master), total));
            active.Add(new MetricPoint(s_active.With(master), up));
        }
        into.Add(s_slaves.Family(slaves));
        into.Add(s_active.Family(active));
    }
}
