using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Argus.Serve.Auth;

/// <summary>
/// The server certificate from PEM files, re-read when either file's modification time or size changes (cert-manager and
/// Kubernetes Secrets rotate certificates in place). Files are checked at most every <see cref="RecheckInterval"/>, on a
/// TLS handshake; a failed reload (say, a half-written key) keeps the previous certificate and is logged once per change.
/// Thread-safe.
/// </summary>
public sealed partial class CertificateReloader
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(5);

    private readonly string _certFile;
    private readonly string _keyFile;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private X509Certificate2 _current;
    private (DateTime, long, DateTime, long) _stamp;
    private long _nextCheckTicks;

    public CertificateReloader(string certFile, string keyFile, TimeProvider time, ILogger logger)
    {
        _certFile = certFile;
        _keyFile = keyFile;
        _time = time;
        _logger = logger;
        _stamp = Stamp();
        _current = Load();
        _nextCheckTicks = time.GetUtcNow().UtcTicks + RecheckInterval.Ticks;
    }

    /// <summary>The certificate to present now (never disposed by the reloader: handshakes in flight may hold it).</summary>
    public X509Certificate2 Current
    {
        get
        {
            long now = _time.GetUtcNow().UtcTicks;
            if (now < Volatile.Read(ref _nextCheckTicks)) return Volatile.Read(ref _current);
            lock (_lock)
            {
                if (now < _nextCheckTicks) return _current;
                _nextCheckTicks = now + RecheckInterval.Ticks;
                var stamp = Stamp();
                if (stamp == _stamp) return _current;
                _stamp = stamp;
                try
                {
                    Volatile.Write(ref _current, Load());
                    Log.Reloaded(_logger, _certFile, _current.Subject, _current.NotAfter);
                }
                catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException)
                {
                    Log.ReloadFailed(_logger, _certFile, _keyFile, e.Message);
                }
                return _current;
            }
        }
    }

    private X509Certificate2 Load() => X509Certificate2.CreateFromPemFile(_certFile, _keyFile);

    private (DateTime, long, DateTime, long) Stamp()
    {
        var c = new FileInfo(_certFile);
        var k = new FileInfo(_keyFile);
        return (c.Exists ? c.LastWriteTimeUtc : default, c.Exists ? c.Length : -1, k.Exists ? k.LastWriteTimeUtc : default, k.Exists ? k.Length : -1);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "TLS certificate {File} reloaded: {Subject}, valid until {NotAfter:u}")]
        public static partial void Reloaded(ILogger logger, string file, string subject, DateTime notAfter);

        [LoggerMessage(Level = LogLevel.Error, Message = "TLS certificate {File} with key {KeyFile} changed but cannot be loaded, still serving the previous one: {Reason}")]
        public static partial void ReloadFailed(ILogger logger, string file, string keyFile, string reason);
    }
}
