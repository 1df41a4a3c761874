namespace Argus.Serve.Auth;

/// <summary>
/// One secret setting: a literal from an environment variable, or the contents of a file named by its <c>*_FILE</c> twin
/// (a mounted Kubernetes Secret). The file is re-read at most every <see cref="RecheckInterval"/>, so a rotated secret takes
/// effect without a restart; a file that has gone missing or cannot be read keeps the last value (Kubernetes swaps the
/// mounted files with a symlink flip, so a read can race the swap). A trailing newline, as <c>echo</c> writes, is dropped.
/// Thread-safe.
/// </summary>
public sealed class SecretSource
{
    /// <summary>Long enough that a busy API does not stat the file per request, short next to how fast kubelet syncs Secrets (~1 min).</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(2);

    private readonly string? _literal;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private string? _value;
    private long _nextCheckTicks;

    private SecretSource(string? literal, string? path, TimeProvider time)
    {
        _literal = literal;
        Path = path;
        _time = time;
    }

    /// <summary>The file the value comes from; null for a literal.</summary>
    public string? Path { get; }

    /// <summary>Whether the setting was given at all (literal or file).</summary>
    public bool IsSet => _literal is not null || Path is not null;

    public static SecretSource Literal(string? value) => new(string.IsNullOrEmpty(value) ? null : value, null, TimeProvider.System);

    /// <summary>Reads the file now, throwing with the path in the message when it cannot be read (a start-up error).</summary>
    public static SecretSource File(string path, TimeProvider time)
    {
        var s = new SecretSource(null, path, time);
        try
        {
            s._value = Normalize(System.IO.File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot read secret file \"{path}\": {e.Message}", e);
        }
        s._nextCheckTicks = time.GetUtcNow().UtcTicks + RecheckInterval.Ticks;
        return s;
    }

    /// <summary>The current value, or null when unset or empty.</summary>
    public string? Current
    {
        get
        {
            if (Path is null) return _literal;
            long now = _time.GetUtcNow().UtcTicks;
            lock (_lock)
            {
                if (now >= _nextCheckTicks)
                {
                    _nextCheckTicks = now + RecheckInterval.Ticks;
                    try
                    {
                        _value = Normalize(System.IO.File.ReadAllText(Path));
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // Keep the last value: see the class comment.
                    }
                }
                return _value;
            }
        }
    }

    private static string? Normalize(string s)
    {
        s = s.TrimEnd('\n', '\r');
        return s.Length == 0 ? null : s;
    }
}
