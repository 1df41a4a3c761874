namespace Argus.Collect.Backfill;

/// <summary>The input of a backfill is invalid at <see cref="Line"/>; nothing was written.</summary>
public sealed class BackfillException : FormatException
{
    public BackfillException(string source, long line, string reason, Exception? inner = null)
        : base($"{source}:{line}: {reason}; nothing was imported", inner)
    {
        InputName = source;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file name (or "input") the error is in.</summary>
    public string InputName { get; }

    public long Line { get; }
    public string Reason { get; }
}
