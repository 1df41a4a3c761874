namespace Argus.Serve.Auth;

/// <summary>
/// A browser session held by the server: the cookie carries only a random id, whose SHA-256 is the key here. The CSRF
/// token is handed to the UI by GET /api/argus/session and must come back in X-CSRF-Token on state-changing requests.
/// </summary>
public sealed class Session(Principal principal, string csrfToken, DateTimeOffset created)
{
    private long _lastSeenTicks = created.UtcTicks;

    public Principal Principal { get; } = principal;
    public string CsrfToken { get; } = csrfToken;
    public DateTimeOffset Created { get; } = created;
    public DateTimeOffset LastSeen => new(Interlocked.Read(ref _lastSeenTicks), TimeSpan.Zero);

    internal void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastSeenTicks, now.UtcTicks);
}
