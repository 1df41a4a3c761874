using System.Reflection;

namespace Argus.Telemetry;

/// <summary>Build information, shown by <c>argus version</c> and /api/v1/status/buildinfo.</summary>
public static class VersionInfo
{
    public static string Version { get; } =
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string Revision { get; } =
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+').ElementAtOrDefault(1) ?? "unknown";

    public static string RuntimeVersion => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    public static string Text => $"argus, version {Version} (revision: {Revision})\n  runtime: {RuntimeVersion}";
}
