using System.Globalization;

namespace Argus.Store.Wal;

/// <summary>
/// Names and lists the files of a WAL directory: segments <c>00000000</c>, <c>00000001</c>… and checkpoint directories
/// <c>checkpoint.00000012</c> (holding segments of their own), as Prometheus names them.
/// </summary>
internal static class WalSegments
{
    public const string CheckpointPrefix = "checkpoint.";
    public const string TmpSuffix = ".tmp";

    public static string Name(int index) => index.ToString("D8", CultureInfo.InvariantCulture);

    public static string Path(string dir, int index) => System.IO.Path.Combine(dir, Name(index));

    public static string CheckpointPath(string dir, int index) =>
        System.IO.Path.Combine(dir, CheckpointPrefix + index.ToString("D8", CultureInfo.InvariantCulture));

    /// <summary>Segment indexes in <paramref name="dir"/>, ascending. Throws if they are not consecutive, as Prometheus does.</summary>
    public static List<int> List(string dir)
    {
        var result = new List<int>();
        foreach (string path in Directory.EnumerateFiles(dir))
        {
            if (TryParseIndex(System.IO.Path.GetFileName(path), out int index)) result.Add(index);
        }
        result.Sort();
        for (int i = 1; i < result.Count; i++)
        {
            if (result[i] != result[i - 1] + 1)
            {
                throw new IOException($"WAL directory {dir}: segments are not sequential: {Name(result[i - 1])} is followed by {Name(result[i])}");
            }
        }
        return result;
    }

    /// <summary>Finished checkpoints (no .tmp) in <paramref name="dir"/>, ascending by index.</summary>
    public static List<(int Index, string Path)> ListCheckpoints(string dir)
    {
        var result = new List<(int, string)>();
        foreach (string path in Directory.EnumerateDirectories(dir, CheckpointPrefix + "*"))
        {
            string name = System.IO.Path.GetFileName(path);
            if (TryParseIndex(name.AsSpan(CheckpointPrefix.Length), out int index)) result.Add((index, path));
        }
        result.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return result;
    }

    private static bool TryParseIndex(ReadOnlySpan<char> name, out int index)
    {
        index = 0;
        if (name.Length == 0) return false;
        foreach (char c in name)
        {
            if (c is < '0' or > '9') return false;
        }
        return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    public static long SizeOf(string dir)
    {
        long size = 0;
        foreach (var f in new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories)) size += f.Length;
        return size;
    }
}
