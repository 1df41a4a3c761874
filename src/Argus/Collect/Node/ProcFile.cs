using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Win32.SafeHandles;

namespace Argus.Collect.Node;

/// <summary>
/// Reads small kernel files (/proc, /sys) into a caller-owned buffer that grows and is reused across collections, and
/// parses fields from the bytes. procfs reports a size of 0 for most files, so the whole file is read until end of file.
/// </summary>
internal static class ProcFile
{
    /// <summary>Reads all of <paramref name="path"/> into <paramref name="buffer"/> (grown as needed) and returns the byte count.</summary>
    /// <exception cref="IOException">The file cannot be opened or read; the message names the path.</exception>
    public static int Read(string path, ref byte[] buffer)
    {
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        int total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            int n = RandomAccess.Read(handle, buffer.AsSpan(total), total);
            if (n == 0)
            {
                return total;
            }
            total += n;
        }
    }

    /// <summary>Like <see cref="Read"/>, but returns false instead of throwing when the file is missing or unreadable.</summary>
    public static bool TryRead(string path, ref byte[] buffer, out int length)
    {
        try
        {
            length = Read(path, ref buffer);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Reads a sysfs attribute and returns its text without the trailing newline, or null when unreadable.</summary>
    public static string? TryReadString(string path)
    {
        try
        {
            return File.ReadAllText(path).TrimEnd('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Returns the next line of <paramref name="text"/> (without '\n') and advances past it; false at the end.</summary>
    public static bool NextLine(ref ReadOnlySpan<byte> text, out ReadOnlySpan<byte> line)
    {
        if (text.IsEmpty)
        {
            line = default;
            return false;
        }
        int nl = text.IndexOf((byte)'\n');
        if (nl < 0)
        {
            line = text;
            text = default;
        }
        else
        {
            line = text[..nl];
            text = text[(nl + 1)..];
        }
        return true;
    }

    /// <summary>Returns the next field separated by spaces, tabs or newlines and advances past it; false when none is left.</summary>
    public static bool NextField(ref ReadOnlySpan<byte> line, out ReadOnlySpan<byte> field)
    {
        int start = 0;
        while (start < line.Length && line[start] is (byte)' ' or (byte)'\t' or (byte)'\n')
        {
            start++;
        }
        if (start == line.Length)
        {
            field = default;
            line = default;
            return false;
        }
        int end = line[start..].IndexOfAny((byte)' ', (byte)'\t', (byte)'\n');
        end = end < 0 ? line.Length : start + end;
        field = line[start..end];
        line = line[end..];
        return true;
    }

    public static ulong ParseUInt64(ReadOnlySpan<byte> field, string path)
    {
        if (!Utf8Parser.TryParse(field, out ulong value, out int consumed) || consumed != field.Length)
        {
            ThrowBadNumber(field, path);
        }
        return value;
    }

    public static long ParseInt64(ReadOnlySpan<byte> field, string path)
    {
        if (!Utf8Parser.TryParse(field, out long value, out int consumed) || consumed != field.Length)
        {
            ThrowBadNumber(field, path);
        }
        return value;
    }

    public static double ParseDouble(ReadOnlySpan<byte> field, string path)
    {
        if (!Utf8Parser.TryParse(field, out double value, out int consumed) || consumed != field.Length)
        {
            ThrowBadNumber(field, path);
        }
        return value;
    }

    [DoesNotReturn]
    public static void ThrowBadNumber(ReadOnlySpan<byte> field, string path)
    {
        string text = System.Text.Encoding.UTF8.GetString(field.Length > 64 ? field[..64] : field);
        throw new InvalidDataException($"cannot parse {path}: invalid number \"{text}\"");
    }

    /// <summary>The exception for a line that does not have the expected shape; the caller throws it.</summary>
    public static InvalidDataException Malformed(string path, ReadOnlySpan<byte> line, string why)
    {
        string text = System.Text.Encoding.UTF8.GetString(line.Length > 120 ? line[..120] : line);
        return new InvalidDataException($"cannot parse {path}: {why} in line \"{text}\"");
    }
}
