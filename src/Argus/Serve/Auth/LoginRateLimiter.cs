using System.Collections.Concurrent;

namespace Argus.Serve.Auth;

/// <summary>
/// Failed sign-ins per key (<c>ip:&lt;address&gt;</c> and <c>user:&lt;name&gt;</c>): <see cref="Burst"/> failures within
/// <see cref="Window"/> lock the key for <see cref="Window"/>; while it keeps failing, each further failure locks it again
/// for twice as long, up to <see cref="MaxLockout"/>. A key without failures for <see cref="MaxLockout"/> after its last
/// failure and its last lockout starts afresh, and a
/// successful sign-in clears its user key. Time comes from the <see cref="TimeProvider"/>. Thread-safe.
/// </summary>
public sealed class LoginRateLimiter(TimeProvider time)
{
    public const int Burst = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxLockout = TimeSpan.FromHours(1);

    /// <summary>Keys kept before quiet ones are pruned; bounds memory under a spray from many addresses.</summary>
    public const int MaxKeys = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="key"/> is locked now, and for how much longer.</summary>
    public bool IsLocked(string key, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_entries.TryGetValue(key, out var e)) return false;
        DateTimeOffset now = time.GetUtcNow();
        lock (e)
        {
            if (now >= e.LockedUntil) return false;
            retryAfter = e.LockedUntil - now;
            return true;
        }
    }

    /// <summary>Records a failure; true when it (newly) locks the key.</summary>
    public bool Fail(string key)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (_entries.Count >= MaxKeys) Prune(now);
        var e = _entries.GetOrAdd(key, _ => new Entry());
        lock (e)
        {
            if (now - e.LastFailure >= MaxLockout && now - e.LockedUntil >= MaxLockout) (e.Failures, e.Strikes, e.WindowStart) = (0, 0, now);
            if (now - e.WindowStart >= Window) (e.Failures, e.WindowStart) = (0, now);
            e.LastFailure = now;
            e.Failures++;
            if (e.Strikes == 0 && e.Failures < Burst) return false;
            e.Strikes++;
            double seconds = Math.Min(Window.TotalSeconds * Math.Pow(2, e.Strikes - 1), MaxLockout.TotalSeconds);
            e.LockedUntil = now + TimeSpan.FromSeconds(seconds);
            return true;
        }
    }

    public void Succeed(string key) => _entries.TryRemove(key, out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (k, e) in _entries)
        {
            bool quiet;
            lock (e) quiet = now - e.LastFailure >= Window && now >= e.LockedUntil;
            if (quiet) _entries.TryRemove(k, out _);
        }
    }

    private sealed class Entry
    {
        public int Failures;
        public int Strikes;
        public DateTimeOffset WindowStart = DateTimeOffset.MinValue;
        public DateTimeOffset LastFailure = DateTimeOffset.MinValue;
        public DateTimeOffset LockedUntil = DateTimeOffset.MinValue;
    }
}
