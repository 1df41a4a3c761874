using System.Runtime.InteropServices;

namespace Argus.Bench.Ingest;

/// <summary>
/// Process CPU time (all threads, user + system) from clock_gettime(CLOCK_PROCESS_CPUTIME_ID): nanosecond resolution, where
/// <see cref="System.Diagnostics.Process.TotalProcessorTime"/> moves in 10 ms clock ticks, too coarse for one scrape round.
/// </summary>
internal static partial class ProcessCpu
{
    private const int ClockProcessCputimeId = 2;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec ts);

    public static TimeSpan Now()
    {
        if (ClockGetTime(ClockProcessCputimeId, out var ts) != 0) throw new InvalidOperationException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
        return TimeSpan.FromTicks((ts.Seconds * TimeSpan.TicksPerSecond) + (ts.Nanoseconds / 100));
    }
}
