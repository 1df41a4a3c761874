namespace Argus.Serve.Auth;

/// <summary>
/// The outcome of <see cref="AuthService.Authenticate"/>: a principal and how it was proven, or why not. A request with
/// no credentials at all is <see cref="Anonymous"/>; bad ones are <see cref="Failed"/>; a locked client or user gets
/// <see cref="RetryAfter"/>.
/// </summary>
public readonly record struct AuthResult(Principal? Principal, AuthMethod Method, Session? Session, bool Failed, TimeSpan? RetryAfter)
{
    public static AuthResult Anonymous => default;
    public static AuthResult Failure => new(null, default, null, true, null);
    public static AuthResult Locked(TimeSpan retryAfter) => new(null, default, null, true, retryAfter);
}
