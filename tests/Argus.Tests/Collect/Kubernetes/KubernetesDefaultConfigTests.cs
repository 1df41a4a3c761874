using Argus.Collect.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace Argus.Tests.Collect.Kubernetes;

public sealed class KubernetesDefaultConfigTests
{
    /// <summary>deploy/kubernetes/base/config/prometheus.yml, read in place.</summary>
    public static string DeployConfig([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "..", "deploy", "kubernetes", "base", "config", "prometheus.yml"));

    // The loader checks the service-account CA file exists, so these compare the YAML itself (the deploy tests load the
    // deploy file with the files in place).
    [Fact]
    public void ForListenPort_HasTheDeployConfigsJobs()
    {
        var embedded = Root(KubernetesDefaultConfig.ForListenPort(9090));
        var deploy = Root(File.ReadAllText(DeployConfig()));
        Assert.Equal(Text(deploy["scrape_configs"]), Text(embedded["scrape_configs"]));
        Assert.Equal(Text(deploy["global"]), Text(embedded["global"]));
        Assert.Contains("job_name: kubelet-cadvisor", Text(embedded["scrape_configs"]), StringComparison.Ordinal);
    }

    [Fact]
    public void ForListenPort_ArgusJobScrapesTheListenPort()
    {
        var jobs = (YamlSequenceNode)Root(KubernetesDefaultConfig.ForListenPort(9191))["scrape_configs"];
        var argus = jobs.Cast<YamlMappingNode>().Single(j => ((YamlScalarNode)j["job_name"]).Value == "argus");
        Assert.Contains("localhost:9191", Text(argus), StringComparison.Ordinal);
    }

    private static YamlMappingNode Root(string text)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static string Text(YamlNode node)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    [Theory]
    [InlineData("10.96.0.1", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void InCluster_FollowsKubernetesServiceHost(string? host, bool expected) =>
        Assert.Equal(expected, KubernetesDefaultConfig.InCluster(name => name == "KUBERNETES_SERVICE_HOST" ? host : null));
}
