using Argus.Collect.Node;
using Argus.Model;

namespace Argus.Tests.Collect.Node;

public sealed class TimexCollectorTests
{
    [Fact]
    public void Add_UnsyncedMicrosecondClock_NodeExporterConversions()
    {
        // The reference host's state: STA_UNSYNC (0x40), 16 s max/est error, 10 ms tick, TIME_ERROR returned.
        var t = new LibC.Timex { Status = 0x40, Maxerror = 16_000_000, Esterror = 16_000_000, Constant = 2, Tick = 10_000, Offset = 1500 };
        var families = new List<MetricFamily>();

        TimexCollector.Add(families, t, state: 5);

        var series = NodeTestData.Series(families);
        Assert.Contains("node_timex_sync_status 0", series);
        Assert.Contains("node_timex_offset_seconds 0.0015", series);
        Assert.Contains("node_timex_maxerror_seconds 16", series);
        Assert.Contains("node_timex_estimated_error_seconds 16", series);
        Assert.Contains("node_timex_tick_seconds 0.01", series);
        Assert.Contains("node_timex_frequency_adjustment_ratio 1", series);
        Assert.Contains("node_timex_status 64", series);
        Assert.Equal(17, series.Length);
    }

    [Fact]
    public void Add_NanosecondStatus_OffsetInNanoseconds()
    {
        var t = new LibC.Timex { Status = 0x2000, Offset = 1500 };
        var families = new List<MetricFamily>();
        TimexCollector.Add(families, t, state: 0);
        Assert.Contains("node_timex_offset_seconds 1.5E-06", NodeTestData.Series(families));
        Assert.Contains("node_timex_sync_status 1", NodeTestData.Series(families));
    }

    [Fact]
    public void Collect_ThisHost_SeventeenFamiliesOrNoData()
    {
        try
        {
            Assert.Equal(17, NodeTestData.Collect(new TimexCollector()).Count);
        }
        catch (NoDataException)
        {
            // adjtimex can be forbidden by a seccomp profile; node-exporter reports no data then too.
        }
    }
}
