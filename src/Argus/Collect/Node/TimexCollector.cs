using System.Runtime.InteropServices;
using Argus.Model;

namespace Argus.Collect.Node;

/// <summary>
/// The kernel clock discipline state from adjtimex(2), as node-exporter's timex collector (read-only: modes = 0).
/// Offsets and jitter are in ns when STA_NANO is set, else µs; frequencies are scaled ppm with 16 fractional bits.
/// </summary>
public sealed class TimexCollector : ICollector
{
    private const int TimeError = 5;       // TIME_ERROR: the clock is not synchronized
    private const int StaNano = 0x2000;    // STA_NANO: offset and jitter are in nanoseconds
    private const double Microseconds = 1e6;
    private const double Nanoseconds = 1e9;
    private const double Ppm16Frac = 1000000.0 * 65536.0; // see NOTES in adjtimex(2)

    private static readonly MetricDesc s_sync = G("sync_status", "Is clock synchronized to a reliable server (1 = yes, 0 = no).");
    private static readonly MetricDesc s_offset = G("offset_seconds", "Time offset in between local system and reference clock.");
    private static readonly MetricDesc s_freq = G("frequency_adjustment_ratio", "Local clock frequency adjustment.");
    private static readonly MetricDesc s_maxerror = G("maxerror_seconds", "Maximum error in seconds.");
    private static readonly MetricDesc s_esterror = G("estimated_error_seconds", "Estimated error in seconds.");
    private static readonly MetricDesc s_status = G("status", "Value of the status array bits.");
    private static readonly MetricDesc s_constant = G("loop_time_constant", "Phase-locked loop time constant.");
    private static readonly MetricDesc s_tick = G("tick_seconds", "Seconds between clock ticks.");
    private static readonly MetricDesc s_ppsFreq = G("pps_frequency_hertz", "Pulse per second frequency.");
    private static readonly MetricDesc s_ppsJitter = G("pps_jitter_seconds", "Pulse per second jitter.");
    private static readonly MetricDesc s_ppsShift = G("pps_shift_seconds", "Pulse per second interval duration.");
    private static readonly MetricDesc s_ppsStabil = G("pps_stability_hertz", "Pulse per second stability, average of recent frequency changes.");
    private static readonly MetricDesc s_ppsJitcnt = C("pps_jitter_total", "Pulse per second count of jitter limit exceeded events.");
    private static readonly MetricDesc s_ppsCalcnt = C("pps_calibration_total", "Pulse per second count of calibration intervals.");
    private static readonly MetricDesc s_ppsErrcnt = C("pps_error_total", "Pulse per second count of calibration errors.");
    private static readonly MetricDesc s_ppsStbcnt = C("pps_stability_exceeded_total", "Pulse per second count of stability limit exceeded events.");
    private static readonly MetricDesc s_tai = G("tai_offset_seconds", "International Atomic Time (TAI) offset.");

    public TimexCollector() => LibC.EnsureSupported();

    private static MetricDesc G(string suffix, string help) => new("node_timex_" + suffix, MetricType.Gauge, help);
    private static MetricDesc C(string suffix, string help) => new("node_timex_" + suffix, MetricType.Counter, help);

    public void Collect(List<MetricFamily> into)
    {
        var t = default(LibC.Timex);
        int state = LibC.Adjtimex(ref t);
        if (state < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            const int EPERM = 1;
            if (errno == EPERM)
            {
                throw new NoDataException("adjtimex is not permitted");
            }
            throw new IOException($"adjtimex failed: errno {errno}");
        }
        Add(into, t, state);
    }

    internal static void Add(List<MetricFamily> into, in LibC.Timex t, int state)
    {
        double divisor = (t.Status & StaNano) != 0 ? Nanoseconds : Microseconds;
        into.Add(s_sync.Single(state == TimeError ? 0 : 1));
        into.Add(s_offset.Single(t.Offset / divisor));
        into.Add(s_freq.Single(1 + t.Freq / Ppm16Frac));
        into.Add(s_maxerror.Single(t.Maxerror / Microseconds));
        into.Add(s_esterror.Single(t.Esterror / Microseconds));
        into.Add(s_status.Single(t.Status));
        into.Add(s_constant.Single(t.Constant));
        into.Add(s_tick.Single(t.Tick / Microseconds));
        into.Add(s_ppsFreq.Single(t.Ppsfreq / Ppm16Frac));
        into.Add(s_ppsJitter.Single(t.Jitter / divisor));
        into.Add(s_ppsShift.Single(t.Shift));
        into.Add(s_ppsStabil.Single(t.Stabil / Ppm16Frac));
        into.Add(s_ppsJitcnt.Single(t.Jitcnt));
        into.Add(s_ppsCalcnt.Single(t.Calcnt));
        into.Add(s_ppsErrcnt.Single(t.Errcnt));
        into.Add(s_ppsStbcnt.Single(t.Stbcnt));
        into.Add(s_tai.Single(t.Tai));
    }
}
