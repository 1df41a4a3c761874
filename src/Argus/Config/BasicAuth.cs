namespace Argus.Config;

/// <summary>HTTP basic authentication; at most one of <c>password</c> and <c>password_file</c>, of <c>username</c> and <c>username_file</c>.</summary>
public sealed record BasicAuth
{
    public string? Username { get; init; }
    public string? UsernameFile { get; init; }
    public Secret? Password { get; init; }
    public string? PasswordFile { get; init; }
}
