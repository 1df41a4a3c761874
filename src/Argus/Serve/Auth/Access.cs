namespace Argus.Serve.Auth;

/// <summary>What a request needs, from <see cref="AccessPolicy.Classify"/>.</summary>
public enum Access
{
    /// <summary>No authentication: probes (/-/healthy, /-/ready) and the login form.</summary>
    Open,

    /// <summary>Any signed-in role; the request changes nothing (GET, HEAD, and POSTs of long queries).</summary>
    Read,

    /// <summary>Admin only, CSRF-checked: the request changes state (silences, alerts, reload, quit, admin APIs).</summary>
    Write,

    /// <summary>Any signed-in role, CSRF-checked: changes only the caller's own session (POST /logout).</summary>
    Session,
}
