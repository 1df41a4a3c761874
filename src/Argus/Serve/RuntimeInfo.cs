namespace Argus.Serve;

/// <summary>Facts for /api/v1/status/runtimeinfo.</summary>
public sealed record RuntimeInfo(DateTimeOffset StartTime, bool ReloadConfigSuccess, DateTimeOffset LastConfigTime, string StorageRetention);
