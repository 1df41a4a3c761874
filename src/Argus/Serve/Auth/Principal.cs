namespace Argus.Serve.Auth;

/// <summary>Who made a request: a user name (or API token name) and its role. Never holds a secret.</summary>
public sealed record Principal(string Name, Role Role)
{
    /// <summary>"admin" or "viewer", as <c>GET /api/argus/session</c> and the docs spell it.</summary>
    public string RoleName => Role == Role.Admin ? "admin" : "viewer";
}
