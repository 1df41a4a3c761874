using System.Runtime.InteropServices;
using Argus.Store.Blocks;

namespace Argus.Store;

public sealed partial class Db
{
    /// <summary>
    /// Writes a consistent copy of the store into <paramref name="dir"/> (created; must not hold blocks yet), as Prometheus's
    /// DB.Snapshot does: every loaded block is hard-linked file by file (no data copied; a copy only where the file system
    /// refuses links), and unless <paramref name="withHead"/> is false the head's samples are written as one more block.
    /// The result is a storage directory without a WAL: a server started on it (or on a copy) answers the same queries for
    /// the snapshot's time range. Runs under the maintenance lock, so no compaction or retention removes a block meanwhile.
    /// Returns the number of blocks in the snapshot.
    /// </summary>
    public int Snapshot(string dir, bool withHead, long nowMs)
    {
        lock (_maintenance)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            Directory.CreateDirectory(dir);
            int count = 0;
            foreach (var block in _blocks.Blocks)
            {
                LinkTree(block.Dir, Path.Combine(dir, Path.GetFileName(block.Dir)));
                count++;
            }
            long mint = _head.MinTime, maxt = _head.MaxTime;
            if (withHead && mint != long.MaxValue && maxt >= mint)
            {
                using var q = _head.Querier(mint, maxt);
                if (BlockWriter.Write(dir, q, mint, maxt + 1, null, nowMs) is not null) count++;
            }
            FileSync.Directory(dir);
            return count;
        }
    }

    private static void LinkTree(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.EnumerateFiles(source))
        {
            string target = Path.Combine(destination, Path.GetFileName(file));
            if (!OperatingSystem.IsWindows() && Link(file, target) == 0) continue;
            File.Copy(file, target); // another file system, or links unsupported
        }
        foreach (string sub in Directory.EnumerateDirectories(source))
        {
            LinkTree(sub, Path.Combine(destination, Path.GetFileName(sub)));
        }
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string created);
}
