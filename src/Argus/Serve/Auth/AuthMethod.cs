namespace Argus.Serve.Auth;

/// <summary>How a request proved who it is. Only <see cref="Session"/> (a cookie the browser sends by itself) needs a CSRF token.</summary>
public enum AuthMethod
{
    Session,
    Basic,
    Bearer,
}
