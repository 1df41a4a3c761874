using System.Diagnostics;

namespace Argus.Tests.Testing;

/// <summary>
/// A small tmpfs mounted on a fresh directory for the length of a test, so that "disk full" is real ENOSPC from the kernel
/// rather than an injected exception. <see cref="Fill"/> writes a filler file until the file system refuses more;
/// <see cref="Free"/> deletes it. Dispose unmounts (lazily, should a process still hold a file open) and removes the directory.
/// Needs root (or CAP_SYS_ADMIN); <see cref="Unavailable"/> says why not, for <see cref="TmpfsFactAttribute"/>.
/// </summary>
public sealed class Tmpfs : IDisposable
{
    private readonly string _root;

    private Tmpfs(string root, string mountPoint)
    {
        _root = root;
        Path = mountPoint;
    }

    /// <summary>The mount point.</summary>
    public string Path { get; }

    public string FillerPath => System.IO.Path.Combine(Path, "filler");

    /// <summary>Null when tmpfs can be mounted here, else the reason (checked once per test run by mounting a 1 MiB tmpfs).</summary>
    public static string? Unavailable => s_unavailable.Value;

    private static readonly Lazy<string?> s_unavailable = new(() =>
    {
        if (!OperatingSystem.IsLinux()) return "tmpfs mounts need Linux";
        try
        {
            using var probe = Mount(1);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return "cannot mount a tmpfs (the disk-full tests need root or CAP_SYS_ADMIN, as CI has): " + e.Message;
        }
    });

    /// <summary>Mounts a tmpfs of <paramref name="sizeMiB"/> MiB on a new directory under the temp folder.</summary>
    public static Tmpfs Mount(int sizeMiB)
    {
        string root = Directory.CreateTempSubdirectory("argus-tmpfs-").FullName;
        string mountPoint = System.IO.Path.Combine(root, "mnt");
        Directory.CreateDirectory(mountPoint);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={sizeMiB}m", "tmpfs", mountPoint);
        if (code != 0)
        {
            Directory.Delete(root, recursive: true);
            throw new InvalidOperationException($"mount -t tmpfs -o size={sizeMiB}m tmpfs {mountPoint} exited with {code}: {output.Trim()}");
        }
        return new Tmpfs(root, mountPoint);
    }

    /// <summary>Bytes still free on the file system (statvfs).</summary>
    public long FreeBytes
    {
        get
        {
            var drive = new DriveInfo(Path);
            return drive.AvailableFreeSpace;
        }
    }

    /// <summary>
    /// Writes a filler file until the kernel answers ENOSPC, leaving about <paramref name="leaveBytes"/> free (0: nothing).
    /// Returns the filler's size.
    /// </summary>
    public long Fill(long leaveBytes = 0)
    {
        var chunk = new byte[64 * 1024];
        Random.Shared.NextBytes(chunk); // tmpfs does not compress, but keep the filler honest for any file system
        using var fs = new FileStream(FillerPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
        try
        {
            while (true)
            {
                long room = FreeBytes - leaveBytes;
                if (room <= 0) break;
                fs.Write(chunk, 0, (int)Math.Min(chunk.Length, room));
                fs.Flush();
            }
        }
        catch (IOException)
        {
            // ENOSPC: full. With leaveBytes > 0 this only happens if something else wrote concurrently.
        }
        return fs.Length;
    }

    /// <summary>Deletes the filler: the space is back.</summary>
    public void Free() => File.Delete(FillerPath);

    public void Dispose()
    {
        // Lazy unmount: a process the test killed may still be closing its files; the mount goes away once they are.
        var (code, output) = Run("umount", "-l", Path);
        if (code != 0) throw new InvalidOperationException($"umount -l {Path} exited with {code}: {output.Trim()}");
        Directory.Delete(_root, recursive: true);
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"cannot run {file}: {e.Message}");
        }
    }
}
