using System.Runtime.InteropServices;

namespace Argus.Store.Blocks;

/// <summary>
/// Durability helpers. Renaming a directory into place is only durable once the parent directory itself is fsynced; .NET has
/// no API for that, so on Unix we open the directory read-only and fsync it through libc (a no-op on Windows, where NTFS
/// journals renames).
/// </summary>
internal static partial class FileSync
{
    public static void Directory(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        int fd = Open(path, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"cannot open directory {path} to fsync it: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"cannot fsync directory {path}: errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Writes bytes to a new file and fsyncs it.</summary>
    public static void WriteFile(string path, ReadOnlySpan<byte> bytes)
    {
        using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        fs.Write(bytes);
        fs.Flush(flushToDisk: true);
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
