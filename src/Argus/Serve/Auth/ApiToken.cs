namespace Argus.Serve.Auth;

/// <summary>A machine credential as kept in memory: its name, role and the SHA-256 of the token, never the token.</summary>
public sealed record ApiToken(string Name, Role Role, byte[] Sha256);
