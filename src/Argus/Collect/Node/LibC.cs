using System.Runtime.InteropServices;

namespace Argus.Collect.Node;

/// <summary>
/// The few libc calls host metrics need and .NET does not wrap: statfs(2), uname(2), adjtimex(2). Layouts are those of
/// 64-bit Linux (x86_64 and aarch64 share them); <see cref="EnsureSupported"/> refuses anything else.
/// </summary>
internal static unsafe partial class LibC
{
    /// <summary>struct statfs of 64-bit Linux (120 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct StatfsBuffer
    {
        public long Type;
        public long Bsize;
        public ulong Blocks;
        public ulong Bfree;
        public ulong Bavail;
        public ulong Files;
        public ulong Ffree;
        public long Fsid;
        public long Namelen;
        public long Frsize;
        public long Flags;
        public long Spare0, Spare1, Spare2, Spare3;
    }

    /// <summary>struct timex of 64-bit Linux (208 bytes: the named fields, then 44 bytes reserved).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 208)]
    public struct Timex
    {
        [FieldOffset(0)] public uint Modes;
        [FieldOffset(8)] public long Offset;
        [FieldOffset(16)] public long Freq;
        [FieldOffset(24)] public long Maxerror;
        [FieldOffset(32)] public long Esterror;
        [FieldOffset(40)] public int Status;
        [FieldOffset(48)] public long Constant;
        [FieldOffset(56)] public long Precision;
        [FieldOffset(64)] public long Tolerance;
        [FieldOffset(72)] public long TimeSec;
        [FieldOffset(80)] public long TimeUsec;
        [FieldOffset(88)] public long Tick;
        [FieldOffset(96)] public long Ppsfreq;
        [FieldOffset(104)] public long Jitter;
        [FieldOffset(112)] public int Shift;
        [FieldOffset(120)] public long Stabil;
        [FieldOffset(128)] public long Jitcnt;
        [FieldOffset(136)] public long Calcnt;
        [FieldOffset(144)] public long Errcnt;
        [FieldOffset(152)] public long Stbcnt;
        [FieldOffset(160)] public int Tai;
    }

    // _UTSNAME_LENGTH on Linux: each of the six utsname fields is a NUL-terminated char[65].
    public const int UtsnameFieldLength = 65;

    [LibraryImport("libc", EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statfs(string path, out StatfsBuffer buffer);

    [LibraryImport("libc", EntryPoint = "uname", SetLastError = true)]
    public static partial int Uname(byte* buffer);

    [LibraryImport("libc", EntryPoint = "adjtimex", SetLastError = true)]
    public static partial int Adjtimex(ref Timex buffer);

    public static void EnsureSupported()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            throw new PlatformNotSupportedException("host metrics need 64-bit Linux");
        }
    }
}
