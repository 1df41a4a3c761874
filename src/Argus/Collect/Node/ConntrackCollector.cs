using System.Globalization;
using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>
/// Connection tracking table size and per-CPU statistics summed over CPUs, as node-exporter's conntrack collector:
/// /proc/sys/net/netfilter/nf_conntrack_{count,max} and /proc/net/stat/nf_conntrack. Without the module: no data.
/// </summary>
public sealed class ConntrackCollector : ICollector
{
    private static readonly MetricDesc s_entries = new("node_nf_conntrack_entries", MetricType.Gauge,
        "Number of currently allocated flow entries for connection tracking.");
    private static readonly MetricDesc s_limit = new("node_nf_conntrack_entries_limit", MetricType.Gauge,
        "Maximum size of connection tracking table.");

    // Column positions in /proc/net/stat/nf_conntrack (17 hex columns per CPU line), with node-exporter's names and HELP.
    private static readonly (int Column, MetricDesc Desc)[] s_stats =
    [
        (2, new("node_nf_conntrack_stat_found", MetricType.Gauge, "Number of searched entries which were successful.")),
        (4, new("node_nf_conntrack_stat_invalid", MetricType.Gauge, "Number of packets seen which can not be tracked.")),
        (5, new("node_nf_conntrack_stat_ignore", MetricType.Gauge, "Number of packets seen which are already connected to a conntrack entry.")),
        (8, new("node_nf_conntrack_stat_insert", MetricType.Gauge, "Number of entries inserted into the list.")),
        (9, new("node_nf_conntrack_stat_insert_failed", MetricType.Gauge, "Number of entries for which list insertion was attempted but failed.")),
        (10, new("node_nf_conntrack_stat_drop", MetricType.Gauge, "Number of packets dropped due to conntrack failure.")),
        (11, new("node_nf_conntrack_stat_early_drop", MetricType.Gauge, "Number of dropped conntrack entries to make room for new ones, if maximum table size was reached.")),
        (16, new("node_nf_conntrack_stat_search_restart", MetricType.Gauge, "Number of conntrack table lookups which had to be restarted due to hashtable resizes.")),
    ];

    private const int StatColumns = 17;

    private readonly string _countPath;
    private readonly string _maxPath;
    private readonly string _statPath;
    private byte[] _buffer = new byte[4096];

    public ConntrackCollector(NodeOptions options)
    {
        _countPath = options.Proc("sys/net/netfilter/nf_conntrack_count");
        _maxPath = options.Proc("sys/net/netfilter/nf_conntrack_max");
        _statPath = options.Proc("net/stat/nf_conntrack");
    }

    public void Collect(List<MetricFamily> into)
    {
        if (!File.Exists(_countPath))
        {
            throw new NoDataException($"conntrack is not loaded: {_countPath} does not exist");
        }
        into.Add(s_entries.Single(ReadUInt64(_countPath)));
        if (!File.Exists(_maxPath))
        {
            throw new NoDataException($"conntrack is not loaded: {_maxPath} does not exist");
        }
        into.Add(s_limit.Single(ReadUInt64(_maxPath)));
        if (!File.Exists(_statPath))
        {
            throw new NoDataException($"conntrack statistics are unavailable: {_statPath} does not exist");
        }
        Span<ulong> sums = stackalloc ulong[StatColumns];
        int n = ProcFile.Read(_statPath, ref _buffer);
        ReadOnlySpan<byte> text = _buffer.AsSpan(0, n);
        ProcFile.NextLine(ref text, out _); // the header names the columns
        while (ProcFile.NextLine(ref text, out var line))
        {
            ReadOnlySpan<byte> rest = line;
            int column = 0;
            while (ProcFile.NextField(ref rest, out var field))
            {
                if (column < StatColumns)
                {
                    sums[column] += ParseHex(field);
                }
                column++;
            }
            if (column != 0 && column != StatColumns)
            {
                throw ProcFile.Malformed(_statPath, line, $"expected {StatColumns} columns, found {column}");
            }
        }
        foreach ((int column, MetricDesc desc) in s_stats)
        {
            into.Add(desc.Single(sums[column]));
        }
    }

    private ulong ParseHex(ReadOnlySpan<byte> field)
    {
        Span<char> chars = stackalloc char[field.Length];
        for (int i = 0; i < field.Length; i++) chars[i] = (char)field[i];
        if (!ulong.TryParse(chars, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong v))
        {
            ProcFile.ThrowBadNumber(field, _statPath);
        }
        return v;
    }

    private ulong ReadUInt64(string path)
    {
        int n = ProcFile.Read(path, ref _buffer);
        return ProcFile.ParseUInt64(_buffer.AsSpan(0, n).TrimEnd("\n "u8), path);
    }
}
