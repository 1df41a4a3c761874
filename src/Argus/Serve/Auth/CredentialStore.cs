using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Argus.Serve.Auth;

/// <summary>
/// Checks user names, passwords and API tokens against <see cref="AuthSettings"/>. Secrets are compared as SHA-256 digests
/// with <see cref="CryptographicOperations.FixedTimeEquals"/>; API tokens are kept only as digests. Web config users are
/// bcrypt-verified, and a success is remembered (by a digest of user, password and hash, as Prometheus's exporter-toolkit
/// caches) because bcrypt costs ~50 ms by design and Grafana sends basic auth on every request. Thread-safe.
/// </summary>
public sealed partial class CredentialStore
{
    /// <summary>Bounds the bcrypt cache; a full cache is cleared (a miss only costs one more bcrypt).</summary>
    private const int MaxCachedBcrypt = 1024;

    private static readonly Lazy<string> s_dummyHash = new(() => BCrypt.Net.BCrypt.HashPassword(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), 10));

    private readonly AuthSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, byte> _bcryptOk = new(StringComparer.Ordinal);
    private readonly Lock _tokensLock = new();
    private IReadOnlyList<ApiToken> _tokens = [];
    private byte[] _tokensFileDigest = [];
    private long _tokensNextCheckTicks;
    private readonly byte[]? _internalTokenDigest;

    /// <summary>The principal of <see cref="AuthSettings.InternalToken"/>.</summary>
    public static readonly Principal SelfScrape = new("argus-self-scrape", Role.Viewer);

    public CredentialStore(AuthSettings settings, TimeProvider time, ILogger logger)
    {
        _settings = settings;
        _time = time;
        _logger = logger;
        if (settings.ApiTokensFile is not null) ReloadTokens(force: true);
        if (settings.InternalToken is { } t) _internalTokenDigest = SHA256.HashData(Encoding.UTF8.GetBytes(t));
    }

    public bool Enabled => _settings.Enabled;

    /// <summary>The principal for a user name and password, or null; does not say which part was wrong.</summary>
    public Principal? VerifyPassword(string user, string password)
    {
        // Every configured account is compared, matching or not, so the time taken does not depend on which one matched.
        Principal? found = null;
        if (Matches(_settings.AdminUser, _settings.AdminPassword, user, password)) found = new Principal(user, Role.Admin);
        if (Matches(_settings.ViewerUser, _settings.ViewerPassword, user, password)) found ??= new Principal(user, Role.Viewer);
        if (found is not null) return found;
        if (_settings.BasicAuthUsers.Count == 0) return null;
        if (_settings.BasicAuthUsers.TryGetValue(user, out var hash)) return VerifyBcrypt(user, password, hash) ? new Principal(user, _settings.BasicAuthRole(user)) : null;
        // An unknown user costs a bcrypt too, so timing does not tell which user names exist (exporter-toolkit does the same).
        VerifyBcrypt(user, password, s_dummyHash.Value);
        return null;
    }

    /// <summary>The principal of an API token, or null. Every stored digest is compared (no early exit).</summary>
    public Principal? VerifyToken(string token)
    {
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        if (_internalTokenDigest is not null && CryptographicOperations.FixedTimeEquals(digest, _internalTokenDigest)) return SelfScrape;
        if (_settings.ApiTokensFile is null) return null;
        ReloadTokens(force: false);
        ApiToken? found = null;
        foreach (var t in Volatile.Read(ref _tokens))
        {
            if (CryptographicOperations.FixedTimeEquals(digest, t.Sha256)) found ??= t;
        }
        return found is null ? null : new Principal(found.Name, found.Role);
    }

    /// <summary>Whether the principal is still configured with the same role (a session dies when its account is removed).</summary>
    public bool StillExists(Principal p)
    {
        return p.Role switch
        {
            Role.Admin => string.Equals(_settings.AdminUser.Current, p.Name, StringComparison.Ordinal)
                || (_settings.BasicAuthUsers.ContainsKey(p.Name) && _settings.BasicAuthRole(p.Name) == Role.Admin),
            _ => string.Equals(_settings.ViewerUser.Current, p.Name, StringComparison.Ordinal)
                || (_settings.BasicAuthUsers.ContainsKey(p.Name) && _settings.BasicAuthRole(p.Name) == Role.Viewer),
        };
    }

    private static bool Matches(SecretSource userSource, SecretSource passwordSource, string user, string password)
    {
        string? u = userSource.Current, pw = passwordSource.Current;
        if (u is null || pw is null) return false;
        bool userOk = FixedTimeEquals(u, user);
        bool passwordOk = FixedTimeEquals(pw, password);
        return userOk & passwordOk;
    }

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(actual)));

    private bool VerifyBcrypt(string user, string password, string hash)
    {
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{user}\0{password}\0{hash}")));
        if (_bcryptOk.ContainsKey(key)) return true;
        bool ok;
        try
        {
            ok = BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            ok = false;
        }
        if (ok)
        {
            if (_bcryptOk.Count >= MaxCachedBcrypt) _bcryptOk.Clear();
            _bcryptOk[key] = 0;
        }
        return ok;
    }

    private void ReloadTokens(bool force)
    {
        long now = _time.GetUtcNow().UtcTicks;
        lock (_tokensLock)
        {
            if (!force && now < _tokensNextCheckTicks) return;
            _tokensNextCheckTicks = now + SecretSource.RecheckInterval.Ticks;
            string path = _settings.ApiTokensFile!;
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.TokensUnreadable(_logger, path, e.Message);
                return;
            }
            byte[] digest = SHA256.HashData(bytes);
            if (digest.AsSpan().SequenceEqual(_tokensFileDigest)) return;
            var tokens = ApiTokenFile.Parse(Encoding.UTF8.GetString(bytes), path, out var errors);
            if (errors.Count > 0)
            {
                // A half-edited file must not lock every machine out, nor let a bad line in: keep the last good set.
                Log.TokensInvalid(_logger, path, string.Join("; ", errors));
                if (!force) return;
            }
            _tokensFileDigest = digest;
            Volatile.Write(ref _tokens, tokens);
            if (!force) Log.TokensReloaded(_logger, path, tokens.Count);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "API tokens file {File} cannot be read, keeping the previous tokens: {Reason}")]
        public static partial void TokensUnreadable(ILogger logger, string file, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "API tokens file {File} is invalid, keeping the previous tokens: {Errors}")]
        public static partial void TokensInvalid(ILogger logger, string file, string errors);

        [LoggerMessage(Level = LogLevel.Information, Message = "API tokens file {File} reloaded: {Count} tokens")]
        public static partial void TokensReloaded(ILogger logger, string file, int count);
    }
}
