namespace Argus.Config;

/// <summary>The <c>Authorization</c> header: <c>type</c> (default <c>Bearer</c>) and one of <c>credentials</c> or <c>credentials_file</c>.</summary>
public sealed record Authorization
{
    public const string DefaultType = "Bearer";

    public string? Type { get; init; }
    public Secret? Credentials { get; init; }
    public string? CredentialsFile { get; init; }
}
