namespace Argus.Cli;

/// <summary>Settings of <c>argus agent</c>; path flags are node-exporter's.</summary>
public sealed record AgentOptions
{
    public string ListenAddress { get; init; } = "0.0.0.0:9100";
    public string ProcPath { get; init; } = "/proc";
    public string SysPath { get; init; } = "/sys";
    public string RootPath { get; init; } = "/";
    public string LogLevel { get; init; } = "info";

    /// <summary>--web.config.file: exporter-toolkit's web config (TLS, basic_auth_users, headers), as node-exporter reads it.</summary>
    public string? WebConfigFile { get; init; }
}
