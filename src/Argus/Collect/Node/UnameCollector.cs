using System.Runtime.InteropServices;
using System.Text;
using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>node_uname_info from uname(2), as node-exporter's uname collector; the label set is built once per change.</summary>
public sealed class UnameCollector : ICollector
{
    private static readonly MetricDesc s_info = new("node_uname_info", MetricType.Gauge,
        "Labeled system information as provided by the uname system call.",
        "sysname", "release", "version", "machine", "nodename", "domainname");

    private readonly Func<Utsname> _uname;
    private Utsname _last;
    private Labels? _labels;

    public UnameCollector()
        : this(ReadUname)
    {
        LibC.EnsureSupported();
    }

    /// <summary>For tests: a fixed or scripted uname.</summary>
    internal UnameCollector(Func<Utsname> uname) => _uname = uname;

    public void Collect(List<MetricFamily> into)
    {
        Utsname u = _uname();
        if (_labels is null || u != _last)
        {
            _labels = s_info.WithMany(u.Sysname, u.Release, u.Version, u.Machine, u.Nodename, u.Domainname);
            _last = u;
        }
        into.Add(s_info.Family([new MetricPoint(_labels, 1)]));
    }

    private static unsafe Utsname ReadUname()
    {
        byte* buffer = stackalloc byte[6 * LibC.UtsnameFieldLength];
        if (LibC.Uname(buffer) != 0)
        {
            throw new IOException($"uname failed: errno {Marshal.GetLastPInvokeError()}");
        }
        return new Utsname(Field(buffer, 0), Field(buffer, 1), Field(buffer, 2), Field(buffer, 3), Field(buffer, 4), Field(buffer, 5));
    }

    // struct utsname order: sysname, nodename, release, version, machine, domainname (GNU extension).
    private static unsafe string Field(byte* buffer, int index)
    {
        var field = new ReadOnlySpan<byte>(buffer + index * LibC.UtsnameFieldLength, LibC.UtsnameFieldLength);
        int nul = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul < 0 ? field : field[..nul]);
    }
}

/// <summary>The six fields of struct utsname, in the kernel's order.</summary>
internal readonly record struct Utsname(string Sysname, string Nodename, string Release, string Version, string Machine, string Domainname);
