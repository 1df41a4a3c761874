namespace Argus.Serve.Auth;

/// <summary>What a signed-in principal may do: a viewer reads everything, an admin also changes state (silences, reload).</summary>
public enum Role
{
    Viewer,
    Admin,
}
