using Argus.Collect.Node;
using Microsoft.Extensions.Time.Testing;

namespace Argus.Tests.Collect.Node;

public sealed class TimeCollectorTests
{
    [Fact]
    public void Collect_FakeClockUtc_SecondsZoneAndClocksources()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T12:00:00.25Z"));
        time.SetLocalTimeZone(TimeZoneInfo.Utc);

        var series = NodeTestData.Series(NodeTestData.Collect(new TimeCollector(NodeTestData.Options, time)));

        Assert.Equal(
        [
            "node_time_clocksource_available_info{clocksource=\"acpi_pm\",device=\"0\"} 1",
            "node_time_clocksource_available_info{clocksource=\"kvm-clock\",device=\"0\"} 1",
            "node_time_clocksource_available_info{clocksource=\"tsc\",device=\"0\"} 1",
            "node_time_clocksource_current_info{clocksource=\"tsc\",device=\"0\"} 1",
            "node_time_seconds 1795521600.2499998", // float64(UnixNano) / 1e9 rounds as in Go
            "node_time_zone_offset_seconds{time_zone=\"UTC\"} 0",
        ], series);
    }

    [Theory]
    [InlineData("CET-1CEST,M3.5.0,M10.5.0/3", "CET", "CEST")]
    [InlineData("<+03>-3", "+03", "+03")]
    [InlineData("UTC0", "UTC", "UTC")]
    [InlineData("EST5EDT,M3.2.0,M11.1.0", "EST", "EDT")]
    public void ParsePosixRule_TzifFooter_Abbreviations(string rule, string standard, string daylight)
    {
        byte[] tzif = System.Text.Encoding.ASCII.GetBytes($"TZif2\0\0\0binary\n{rule}\n");
        Assert.Equal((standard, daylight), TimeCollector.ParsePosixRule(tzif));
    }
}
