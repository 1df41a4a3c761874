using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Argus.Serve.Auth;

/// <summary>
/// Server-side sessions keyed by the SHA-256 of a random 256-bit id, with an absolute lifetime and an idle timeout. In
/// memory only: a restart signs everyone out, which is the safe failure. Bounded: beyond <see cref="MaxSessions"/> the
/// least recently used session is dropped. Thread-safe.
/// </summary>
public sealed class SessionStore(TimeProvider time, TimeSpan maxAge, TimeSpan idleTimeout)
{
    /// <summary>Far above any team's browsers; caps what a client creating sessions in a loop can make us hold.</summary>
    public const int MaxSessions = 10_000;

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    /// <summary>Starts a session; returns the cookie value (shown to the browser once, never stored) and the session.</summary>
    public (string CookieValue, Session Session) Create(Principal principal)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (_sessions.Count >= MaxSessions) Evict(now);
        string id = RandomToken();
        var session = new Session(principal, RandomToken(), now);
        _sessions[Key(id)] = session;
        return (id, session);
    }

    /// <summary>The live session for a cookie value, refreshed; null when unknown, expired or idle too long.</summary>
    public Session? Find(string cookieValue)
    {
        if (cookieValue.Length is 0 or > 128) return null;
        string key = Key(cookieValue);
        if (!_sessions.TryGetValue(key, out var s)) return null;
        DateTimeOffset now = time.GetUtcNow();
        if (Expired(s, now))
        {
            _sessions.TryRemove(key, out _);
            return null;
        }
        s.Touch(now);
        return s;
    }

    public void Remove(string cookieValue) => _sessions.TryRemove(Key(cookieValue), out _);

    /// <summary>A random 256-bit value, base64url without padding (43 characters).</summary>
    public static string RandomToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private bool Expired(Session s, DateTimeOffset now) => now - s.Created >= maxAge || now - s.LastSeen >= idleTimeout;

    private void Evict(DateTimeOffset now)
    {
        foreach (var (k, s) in _sessions)
        {
            if (Expired(s, now)) _sessions.TryRemove(k, out _);
        }
        if (_sessions.Count < MaxSessions) return;
        var oldest = _sessions.MinBy(kv => kv.Value.LastSeen);
        _sessions.TryRemove(oldest.Key, out _);
    }

    private static string Key(string cookieValue) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(cookieValue)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
