using System.Diagnostics;
using System.Globalization;
using Argus.Store.Blocks;

namespace Argus.Store.HeadChunks;

public sealed partial class HeadChunkFiles
{
    /// <summary>
    /// Reads every head chunk file, oldest first, and returns their XOR chunks in file order (per series: in time order),
    /// then starts the writer, which continues in a new file. A torn or corrupt record (a kill mid-write, a bad disk) is
    /// logged with file and offset, counted, and the file is truncated there; later files are deleted, so the chunks kept
    /// stay a prefix of the cut order. Never throws over file contents. Call once, before the first <see cref="Enqueue"/>.
    /// </summary>
    internal List<DiskChunk> Load()
    {
        if (_loaded) throw new InvalidOperationException($"BUG: head chunk files in {_dir} loaded twice");
        long start = Stopwatch.GetTimestamp();
        var indexes = ListFiles(_dir);
        var chunks = new List<DiskChunk>();
        byte[] buffer = [];
        long bytes = 0;
        for (int i = 0; i < indexes.Count; i++)
        {
            int index = indexes[i];
            string path = PathOf(index);
            long length;
            using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read))
            {
                length = RandomAccess.GetLength(handle);
                if (length > buffer.Length) buffer = new byte[Math.Max(length, Math.Min(MaxFileBytes, 2 * (long)buffer.Length))];
                int read = 0;
                while (read < length)
                {
                    int n = RandomAccess.Read(handle, buffer.AsSpan(read, (int)(length - read)), read);
                    if (n == 0) break;
                    read += n;
                }
                length = read;
            }
            var (goodEnd, maxT, error) = Parse(buffer.AsSpan(0, (int)length), chunks);
            if (error is not null)
            {
                int later = indexes.Count - i - 1;
                _metrics.Corruptions.Inc();
                Log.Repaired(_logger, path, goodEnd, error, later);
                for (int j = i + 1; j < indexes.Count; j++) File.Delete(PathOf(indexes[j]));
                if (goodEnd < HeadChunkFormat.FileHeaderBytes)
                {
                    File.Delete(path);
                }
                else
                {
                    using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
                    RandomAccess.SetLength(handle, goodEnd);
                    RandomAccess.FlushToDisk(handle);
                    lock (_filesLock) _files[index] = new FileEntry(goodEnd, maxT);
                    bytes += goodEnd;
                }
                FileSync.Directory(_dir);
                _nextIndex = index + 1;
                break;
            }
            lock (_filesLock) _files[index] = new FileEntry(length, maxT);
            bytes += length;
            _nextIndex = index + 1;
        }
        _loaded = true;
        StartWriter();
        Log.Loaded(_logger, chunks.Count, _files.Count, _dir, bytes, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return chunks;
    }

    /// <summary>
    /// Appends the XOR chunks of one file's bytes to <paramref name="into"/>. Returns the end of the last good record, the
    /// newest maxt seen, and why parsing stopped early (null at a clean end, including an all-zero tail).
    /// </summary>
    private static (long GoodEnd, long MaxT, string? Error) Parse(ReadOnlySpan<byte> file, List<DiskChunk> into)
    {
        long maxT = long.MinValue;
        if (HeadChunkFormat.CheckFileHeader(file) is { } bad) return (0, maxT, bad);
        int pos = HeadChunkFormat.FileHeaderBytes;
        while (pos < file.Length)
        {
            var rest = file[pos..];
            int n = HeadChunkFormat.ReadRecord(rest, out ulong seriesRef, out long mint, out long maxt, out byte encoding,
                out var data, out string? error);
            if (n == 0)
            {
                // A file preallocated or extended with zeros ends there (Prometheus's reader accepts that too).
                if (!rest.ContainsAnyExcept((byte)0)) return (pos, maxT, null);
                return (pos, maxT, error);
            }
            if (encoding == HeadChunkFormat.EncodingXor)
            {
                into.Add(new DiskChunk(seriesRef, mint, maxt, data.ToArray()));
                if (maxt > maxT) maxT = maxt;
            }
            pos += n;
        }
        return (pos, maxT, null);
    }

    /// <summary>The indexes of the head chunk files in <paramref name="dir"/> (names of six or more digits), ascending.</summary>
    internal static List<int> ListFiles(string dir)
    {
        var list = new List<int>();
        foreach (string path in Directory.EnumerateFiles(dir))
        {
            string name = Path.GetFileName(path);
            if (name.Length >= 6 && name.All(char.IsAsciiDigit) &&
                int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                list.Add(index);
            }
        }
        list.Sort();
        return list;
    }
}
