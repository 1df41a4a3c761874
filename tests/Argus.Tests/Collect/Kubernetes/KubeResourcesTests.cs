using Argus.Collect.Kubernetes;
using Argus.Tests.Testing;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Collect.Kubernetes;

/// <summary>Every built-in resource descriptor lists (all namespaces and one) and watches through the real client: the
/// generated calls hit the right API paths and the objects decode as their model types.</summary>
[Trait("Category", "Integration")]
public sealed class KubeResourcesTests
{
    [Fact]
    public async Task EveryResource_ListsAndWatches()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var connection = KubeConnection.FromApiServer(server.Url, new Argus.Config.KubernetesSdConfig());
        await using var factory = new KubeInformerFactory(connection.Client, TimeProvider.System, NullLoggerFactory.Instance, DiscoveryHarness.FastInformers);

        await RoundTripAsync(server, factory, KubeResources.Pods);
        await RoundTripAsync(server, factory, KubeResources.Services);
        await RoundTripAsync(server, factory, KubeResources.Endpoints);
        await RoundTripAsync(server, factory, KubeResources.EndpointSlices);
        await RoundTripAsync(server, factory, KubeResources.Ingresses);
        await RoundTripAsync(server, factory, KubeResources.Nodes);
        await RoundTripAsync(server, factory, KubeResources.Namespaces);
        await RoundTripAsync(server, factory, KubeResources.Deployments);
        await RoundTripAsync(server, factory, KubeResources.ReplicaSets);
        await RoundTripAsync(server, factory, KubeResources.StatefulSets);
        await RoundTripAsync(server, factory, KubeResources.DaemonSets);
        await RoundTripAsync(server, factory, KubeResources.Jobs);
        await RoundTripAsync(server, factory, KubeResources.CronJobs);
        await RoundTripAsync(server, factory, KubeResources.PersistentVolumeClaims);
        await RoundTripAsync(server, factory, KubeResources.PersistentVolumes);
        await RoundTripAsync(server, factory, KubeResources.ResourceQuotas);
        await RoundTripAsync(server, factory, KubeResources.HorizontalPodAutoscalers);
        await RoundTripAsync(server, factory, KubeResources.PodDisruptionBudgets);
        await RoundTripAsync(server, factory, KubeResources.StorageClasses);
        await RoundTripAsync(server, factory, KubeResources.Events);
        Assert.Equal(20 + 16, factory.Informers.Count); // the 16 namespaced kinds also got a one-namespace informer
    }

    private static async Task RoundTripAsync<T, TList>(FakeKubeApiServer server, KubeInformerFactory factory, KubeResource<T, TList> resource)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TList : class, IKubernetesObject<V1ListMeta>, IItems<T>
    {
        static string Json(string name, string ns) =>
            "{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns + "\",\"labels\":{\"k\":\"v\"}}}";
        server.Add(resource.Plural, Json("first", "one"));
        server.Add(resource.Plural, Json("other", "two"));
        var all = factory.GetOrCreate(resource);
        await all.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(2, all.Count);

        if (resource.Namespaced)
        {
            var one = factory.GetOrCreate(resource, "one", labelSelector: "k=v");
            await one.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal("first", Assert.Single(one.List()).Metadata.Name);
        }

        server.Add(resource.Plural, Json("second", "one")); // arrives through the watch
        await Poll.UntilAsync(() => Task.FromResult(all.Count == 3), TimeSpan.FromSeconds(20));
        string key = resource.Namespaced ? "one/second" : "second";
        Assert.True(all.TryGet(key, out var obj), resource.Plural + ": " + key);
        Assert.Equal("v", obj!.Metadata.Labels["k"]);
    }
}
