using System.Threading.Channels;

namespace Argus.Collect.Discovery;

/// <summary>
/// One service-discovery provider (static list, file SD, Kubernetes SD…). <see cref="RunAsync"/> writes batches of updated
/// target groups until <c>stop</c> is cancelled (a provider with nothing more to say may return earlier). Each batch holds only
/// groups that changed, keyed by <see cref="TargetGroup.Source"/>; consumers merge them into the provider's previous state.
/// </summary>
public interface IDiscoverer
{
    /// <summary>A stable name for the provider within its scrape config, e.g. <c>static/0</c> or <c>file/1</c>.</summary>
    string Name { get; }

    Task RunAsync(ChannelWriter<IReadOnlyList<TargetGroup>> updates, CancellationToken stop);
}
