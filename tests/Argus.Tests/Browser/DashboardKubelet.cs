using System.Globalization;
using System.Net;
using System.Text;
using Argus.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Argus.Tests.Browser;

/// <summary>
/// A kubelet stand-in for the dashboard tests: /metrics/cadvisor answers the container_* series of the in-process API
/// server's running pod (shop/web-7d9f8b6c5d-x2k4p on worker-1), counters growing with time as cAdvisor's do, and
/// /metrics the kubelet's own volume statistics. The names and labels are cAdvisor's and the kubelet's
/// (container, pod, namespace, image, id, device, persistentvolumeclaim).
/// </summary>
public sealed class DashboardKubelet : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;

    private DashboardKubelet(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }
    public string Address => $"127.0.0.1:{Port}";

    public static async Task<DashboardKubelet> StartAsync()
    {
        int port = PeerProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var kubelet = new DashboardKubelet(app, port);
        app.MapGet("/metrics/cadvisor", () => Results.Text(kubelet.Cadvisor(), "text/plain; version=0.0.4"));
        app.MapGet("/metrics", () => Results.Text(kubelet.Kubelet(), "text/plain; version=0.0.4"));
        await app.StartAsync();
        return kubelet;
    }

    private string Cadvisor()
    {
        var sb = new StringBuilder();
        Container(sb, "web-7d9f8b6c5d-x2k4p", "web", "registry.example/web:1.4", 1);
        Container(sb, DashboardClusterObjects.Pod, "api", "registry.example/api:2.0", 2);
        return sb.ToString();
    }

    private void Container(StringBuilder sb, string podName, string container, string image, int scale)
    {
        double t = (DateTimeOffset.UtcNow - _start).TotalSeconds * scale;
        string pod = $"namespace=\"shop\",pod=\"{podName}\"";
        string c = pod + $",container=\"{container}\",image=\"{image}\",id=\"/kubepods/burstable/pod{podName}/{container}\",name=\"{container}\"";
        void Line(string name, string labels, double v) => sb.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {v}\n");
        Line("container_cpu_usage_seconds_total", c + ",cpu=\"total\"", 100 + 0.25 * t);
        Line("container_cpu_cfs_periods_total", c, 1000 + 10 * t);
        Line("container_cpu_cfs_throttled_periods_total", c, 10 + 0.5 * t);
        Line("container_memory_working_set_bytes", c, 150e6 + 1e5 * Math.Sin(t / 10));
        Line("container_memory_rss", c, 120e6);
        Line("container_memory_cache", c, 30e6);
        Line("container_memory_swap", c, 0);
        Line("container_memory_usage_bytes", c, 180e6);
        Line("container_fs_reads_total", c + ",device=\"/dev/sda\"", 50 + t);
        Line("container_fs_writes_total", c + ",device=\"/dev/sda\"", 80 + 2 * t);
        Line("container_fs_reads_bytes_total", c + ",device=\"/dev/sda\"", 5e6 + 4096 * t);
        Line("container_fs_writes_bytes_total", c + ",device=\"/dev/sda\"", 9e6 + 8192 * t);
        string net = pod + ",container=\"POD\",id=\"/kubepods/burstable/podabc\",interface=\"eth0\"";
        Line("container_network_receive_bytes_total", net, 1e6 + 20000 * t);
        Line("container_network_transmit_bytes_total", net, 2e6 + 30000 * t);
        Line("container_network_receive_packets_total", net, 1e4 + 50 * t);
        Line("container_network_transmit_packets_total", net, 2e4 + 60 * t);
        Line("container_network_receive_packets_dropped_total", net, 1);
        Line("container_network_transmit_packets_dropped_total", net, 2);
    }

    private string Kubelet()
    {
        var sb = new StringBuilder();
        const string pvc = "namespace=\"shop\",persistentvolumeclaim=\"data-db-0\"";
        sb.Append(CultureInfo.InvariantCulture, $"kubelet_volume_stats_capacity_bytes{{{pvc}}} 10737418240\n");
        sb.Append(CultureInfo.InvariantCulture, $"kubelet_volume_stats_available_bytes{{{pvc}}} 8589934592\n");
        sb.Append(CultureInfo.InvariantCulture, $"kubelet_volume_stats_used_bytes{{{pvc}}} 2147483648\n");
        sb.Append(CultureInfo.InvariantCulture, $"kubelet_volume_stats_inodes{{{pvc}}} 655360\n");
        sb.Append(CultureInfo.InvariantCulture, $"kubelet_volume_stats_inodes_free{{{pvc}}} 655000\n");
        sb.Append(CultureInfo.InvariantCulture, $"kubelet_volume_stats_inodes_used{{{pvc}}} 360\n");
        sb.Append("kubelet_node_name{node=\"worker-1\"} 1\n");
        sb.Append("kubelet_running_pods 1\nkubelet_running_containers{container_state=\"running\"} 1\n");
        return sb.ToString();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
