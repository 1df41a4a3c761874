using YamlDotNet.Serialization;

namespace Argus.Config;

/// <summary>Remote-write queue tuning; defaults are Prometheus 3.x's (config.DefaultQueueConfig).</summary>
public sealed record QueueConfig
{
    public int Capacity { get; init; } = 10_000;
    public int MaxShards { get; init; } = 50;
    public int MinShards { get; init; } = 1;
    public int MaxSamplesPerSend { get; init; } = 2_000;
    public TimeSpan BatchSendDeadline { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(30);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    [YamlMember(Alias = "retry_on_http_429")]
    public bool RetryOnHttp429 { get; init; }

    public TimeSpan SampleAgeLimit { get; init; }
}
