using System.Diagnostics;
using System.Globalization;
using Argus.Store.Blocks;

namespace Argus.Store.HeadChunks;

public sealed partial class HeadChunkFiles
{
    /// <summary>
    /// Reads every head chunk file and returns their XOR chunks in file order (per series: in time order),
    /// then starts the writer, which continues in a new file. A torn or corrupt record (a kill mid-write, a bad disk) is
    /// logged with file and offset, counted, and the file is truncated there; later files are deleted, so the chunks kept
    /// stay a prefix of the cut order. Never throws over file contents. Call once, before the first <see cref="Enqueue"/>.
    /// </summary>
    internal DiskChunk[] Load()
    {
        if (_loaded) throw new InvalidOperationException($"BUG: head chunk files in {_dir} loaded twice");
        long start = Stopwatch.GetTimestamp();
        var indexes = ListFiles(_dir);
        // Files are parsed in parallel (reading, checksums and copying out the chunks are per file); what to keep and what
        // to repair is then decided in file order.
        var parsed = new ParsedFile[indexes.Count];
        Parallel.For(0, indexes.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) },
            i => parsed[i] = ParseFile(PathOf(indexes[i])));
        int total = 0, kept = indexes.Count;
        for (int i = 0; i < indexes.Count; i++)
        {
            total += parsed[i].Chunks.Count;
            if (parsed[i].Error is not null)
            {
                kept = i + 1;
                break;
            }
        }
        var chunks = new DiskChunk[total];
        int at = 0;
        long bytes = 0;
        for (int i = 0; i < kept; i++)
        {
            int index = indexes[i];
            var f = parsed[i];
            f.Chunks.CopyTo(chunks, at);
            at += f.Chunks.Count;
            _nextIndex = index + 1;
            if (f.Error is null)
            {
                lock (_filesLock) _files[index] = new FileEntry(f.Length, f.MaxT);
                bytes += f.Length;
                continue;
            }
            string path = PathOf(index);
            int later = indexes.Count - i - 1;
            _metrics.Corruptions.Inc();
            Log.Repaired(_logger, path, f.GoodEnd, f.Error, later);
            for (int j = i + 1; j < indexes.Count; j++) File.Delete(PathOf(indexes[j]));
            if (f.GoodEnd < HeadChunkFormat.FileHeaderBytes)
            {
                File.Delete(path);
            }
            else
            {
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
                RandomAccess.SetLength(handle, f.GoodEnd);
                RandomAccess.FlushToDisk(handle);
                lock (_filesLock) _files[index] = new FileEntry(f.GoodEnd, f.MaxT);
                bytes += f.GoodEnd;
            }
            FileSync.Directory(_dir);
        }
        _loaded = true;
        StartWriter();
        Log.Loaded(_logger, chunks.Length, _files.Count, _dir, bytes, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return chunks;
    }

    private readonly record struct ParsedFile(List<DiskChunk> Chunks, long Length, long GoodEnd, long MaxT, string? Error);

    private static ParsedFile ParseFile(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        long length = RandomAccess.GetLength(handle);
        if (length > Array.MaxLength) length = Array.MaxLength;   // not a file Argus wrote; parsing stops at a bad record
        // The file's buffer becomes the loaded chunks' storage: it lives as long as one of them does, as the file does.
        byte[] buffer = GC.AllocateUninitializedArray<byte>((int)length);
        int read = 0;
        while (read < length)
        {
            int n = RandomAccess.Read(handle, buffer.AsSpan(read, (int)(length - read)), read);
            if (n == 0) break;
            read += n;
        }
        // ~180 bytes of framing and data per chunk at least: a good first guess of the count.
        var chunks = new List<DiskChunk>(read / 256);
        var (goodEnd, maxT, error) = Parse(buffer, read, chunks);
        return new ParsedFile(chunks, read, goodEnd, maxT, error);
    }

    /// <summary>
    /// Appends the XOR chunks of one file's bytes to <paramref name="into"/>. Returns the end of the last good record, the
    /// newest maxt seen, and why parsing stopped early (null at a clean end, including an all-zero tail).
    /// </summary>
    private static (long GoodEnd, long MaxT, string? Error) Parse(byte[] buffer, int length, List<DiskChunk> into)
    {
        ReadOnlySpan<byte> file = buffer.AsSpan(0, length);
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
                into.Add(new DiskChunk(seriesRef, mint, maxt, buffer, pos + n - 4 - data.Length, data.Length));
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
