using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Argus.Tests.Testing;

/// <summary>
/// An in-process Kubernetes API server on 127.0.0.1 speaking the real list/watch protocol, for driving the real
/// KubernetesClient: lists with resourceVersion and limit/continue (consistent snapshots; continue tokens can be expired →
/// 410), watches as newline-delimited JSON events (ADDED/MODIFIED/DELETED/BOOKMARK/ERROR) starting after a resourceVersion,
/// compaction (a watch from an older version gets an ERROR event with code 410, or an HTTP 410), 401 for a wrong bearer
/// token, and hooks to add, modify and delete objects and to drop watch streams mid-way.
/// </summary>
public sealed class FakeKubeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private readonly List<(long Rv, string Plural, string Type, JsonObject Obj)> _log = [];
    private readonly Dictionary<string, (long Rv, List<JsonObject> Items)> _snapshots = new(StringComparer.Ordinal);
    private readonly List<Watcher> _watchers = [];
    private long _rv = 1000;
    private long _compactedRv;
    private int _snapshotIds;

    private FakeKubeApiServer(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}";
    }

    /// <summary>The server URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    /// <summary>The bearer token requests must carry; null accepts any request.</summary>
    public string? ValidToken { get; set; }

    /// <summary>When true a watch from a compacted version gets HTTP 410 instead of a 200 stream with an ERROR event.</summary>
    public bool WatchGoneAsHttpStatus { get; set; }

    /// <summary>While true, new watch requests fail with 503 (the API server is restarting), so clients back off and retry.</summary>
    public bool RejectWatches { get; set; }

    /// <summary>The next this-many list requests carrying a continue token get 410 Expired.</summary>
    public int ExpireNextContinueTokens { get; set; }

    public int ListRequests { get; private set; }
    public int WatchRequests { get; private set; }
    public int Unauthorized { get; private set; }
    public int GoneResponses { get; private set; }

    /// <summary>Watches currently streaming.</summary>
    public int ActiveWatches { get { lock (_lock) return _watchers.Count; } }

    public long ResourceVersion { get { lock (_lock) return _rv; } }

    private static readonly Dictionary<string, (string Prefix, string Kind, string ApiVersion, bool Namespaced)> s_resources = new(StringComparer.Ordinal)
    {
        ["pods"] = ("/api/v1", "Pod", "v1", true),
        ["services"] = ("/api/v1", "Service", "v1", true),
        ["endpoints"] = ("/api/v1", "Endpoints", "v1", true),
        ["nodes"] = ("/api/v1", "Node", "v1", false),
        ["namespaces"] = ("/api/v1", "Namespace", "v1", false),
        ["endpointslices"] = ("/apis/discovery.k8s.io/v1", "EndpointSlice", "discovery.k8s.io/v1", true),
        ["ingresses"] = ("/apis/networking.k8s.io/v1", "Ingress", "networking.k8s.io/v1", true),
        ["deployments"] = ("/apis/apps/v1", "Deployment", "apps/v1", true),
        ["replicasets"] = ("/apis/apps/v1", "ReplicaSet", "apps/v1", true),
        ["statefulsets"] = ("/apis/apps/v1", "StatefulSet", "apps/v1", true),
        ["daemonsets"] = ("/apis/apps/v1", "DaemonSet", "apps/v1", true),
        ["jobs"] = ("/apis/batch/v1", "Job", "batch/v1", true),
        ["cronjobs"] = ("/apis/batch/v1", "CronJob", "batch/v1", true),
        ["persistentvolumeclaims"] = ("/api/v1", "PersistentVolumeClaim", "v1", true),
        ["persistentvolumes"] = ("/api/v1", "PersistentVolume", "v1", false),
        ["resourcequotas"] = ("/api/v1", "ResourceQuota", "v1", true),
        ["horizontalpodautoscalers"] = ("/apis/autoscaling/v2", "HorizontalPodAutoscaler", "autoscaling/v2", true),
        ["poddisruptionbudgets"] = ("/apis/policy/v1", "PodDisruptionBudget", "policy/v1", true),
        ["storageclasses"] = ("/apis/storage.k8s.io/v1", "StorageClass", "storage.k8s.io/v1", false),
        ["events"] = ("/api/v1", "Event", "v1", true),
    };

    public static async Task<FakeKubeApiServer> StartAsync()
    {
        int port = PeerProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new FakeKubeApiServer(app, port);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    // ---- hooks for tests ----

    /// <summary>Creates an object from JSON (kind and apiVersion are filled in); returns its new resourceVersion.</summary>
    public long Add(string plural, string json) => Write(plural, "ADDED", JsonNode.Parse(json)!.AsObject());

    /// <summary>Creates or replaces an object (MODIFIED if it exists).</summary>
    public long Put(string plural, JsonObject obj)
    {
        lock (_lock) return Write(plural, Exists(plural, obj) ? "MODIFIED" : "ADDED", obj);
    }

    /// <summary>Changes an existing object in place through <paramref name="change"/> and sends MODIFIED.</summary>
    public long Modify(string plural, string? @namespace, string name, Action<JsonObject> change)
    {
        lock (_lock)
        {
            var obj = _objects[plural][Key(@namespace, name)].DeepClone().AsObject();
            change(obj);
            return Write(plural, "MODIFIED", obj);
        }
    }

    public long Delete(string plural, string? @namespace, string name)
    {
        lock (_lock)
        {
            var obj = _objects[plural][Key(@namespace, name)].DeepClone().AsObject();
            return Write(plural, "DELETED", obj);
        }
    }

    /// <summary>Forgets the event history up to now (etcd compaction): watches from an older version get 410 Gone.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _compactedRv = _rv;
            _log.Clear();
        }
    }

    /// <summary>Makes every outstanding continue token invalid (the snapshot was compacted): the next page gets 410.</summary>
    public void ExpireContinueTokens()
    {
        lock (_lock) _snapshots.Clear();
    }

    /// <summary>Sends a BOOKMARK with the current resourceVersion on every open watch that asked for bookmarks.</summary>
    public void SendBookmarks()
    {
        lock (_lock)
        {
            foreach (var w in _watchers)
            {
                if (!w.Bookmarks) continue;
                var (_, kind, apiVersion, _) = s_resources[w.Plural];
                var obj = new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion, ["metadata"] = new JsonObject { ["resourceVersion"] = _rv.ToString() } };
                w.Lines.Writer.TryWrite(EventLine("BOOKMARK", obj));
            }
        }
    }

    /// <summary>Cuts every open watch connection mid-stream (as a load balancer or API server restart does).</summary>
    public void DropWatches()
    {
        lock (_lock)
        {
            foreach (var w in _watchers) w.Context.Abort();
        }
    }

    /// <summary>Ends every open watch cleanly, after an ERROR event with code 410 (as the server does when the watch cache
    /// can no longer serve it).</summary>
    public void ExpireWatches()
    {
        lock (_lock)
        {
            _compactedRv = _rv;
            _log.Clear();
            foreach (var w in _watchers)
            {
                w.Lines.Writer.TryWrite(EventLine("ERROR", GoneStatus("too old resource version")));
                w.Lines.Writer.TryComplete();
            }
        }
    }

    /// <summary>Adds every object of a fixture file shaped <c>{"pods": [...], "nodes": [...], ...}</c>.</summary>
    public void Load(string path)
    {
        foreach (var (plural, items) in JsonNode.Parse(File.ReadAllText(path))!.AsObject())
        {
            foreach (var item in items!.AsArray()) Write(plural, "ADDED", item!.DeepClone().AsObject());
        }
    }

    /// <summary><c>key@resourceVersion</c> of every stored object of a kind, sorted.</summary>
    public IReadOnlyList<string> Snapshot(string plural)
    {
        lock (_lock)
        {
            return _objects.TryGetValue(plural, out var m)
                ? [.. m.Select(kv => kv.Key + "@" + kv.Value["metadata"]!["resourceVersion"]!.GetValue<string>()).Order(StringComparer.Ordinal)]
                : [];
        }
    }

    /// <summary>A minimal running, ready pod with one container port.</summary>
    public static JsonObject Pod(string ns, string name, string ip, int port = 8080, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = "churn" } };
        if (annotations is not null) meta["annotations"] = new JsonObject([.. annotations.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]);
        return new JsonObject
        {
            ["metadata"] = meta,
            ["spec"] = JsonNode.Parse($$"""{"nodeName":"worker-1","containers":[{"name":"app","image":"app:1","ports":[{"name":"metrics","containerPort":{{port}},"protocol":"TCP"}]}]}"""),
            ["status"] = JsonNode.Parse($$"""{"phase":"Running","podIP":"{{ip}}","conditions":[{"type":"Ready","status":"True"}]}"""),
        };
    }

    public int Count(string plural)
    {
        lock (_lock) return _objects.TryGetValue(plural, out var m) ? m.Count : 0;
    }

    private bool Exists(string plural, JsonObject obj) =>
        _objects.TryGetValue(plural, out var m) && m.ContainsKey(Key(Ns(obj), Name(obj)));

    private long Write(string plural, string type, JsonObject obj)
    {
        lock (_lock)
        {
            var (_, kind, apiVersion, namespaced) = s_resources[plural];
            obj["kind"] = kind;
            obj["apiVersion"] = apiVersion;
            var meta = obj["metadata"]!.AsObject();
            if (!namespaced) meta.Remove("namespace");
            meta["uid"] ??= Guid.NewGuid().ToString();
            long rv = ++_rv;
            meta["resourceVersion"] = rv.ToString();
            if (!_objects.TryGetValue(plural, out var map)) _objects[plural] = map = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            string key = Key(Ns(obj), Name(obj));
            if (type == "DELETED") map.Remove(key);
            else map[key] = obj;
            _log.Add((rv, plural, type, obj));
            string line = EventLine(type, obj);
            foreach (var w in _watchers)
            {
                if (w.Plural == plural && w.Matches(obj)) w.Lines.Writer.TryWrite(line);
            }
            return rv;
        }
    }

    // ---- kubelet through the node proxy ----

    private readonly Dictionary<string, Dictionary<string, string>> _kubelet = new(StringComparer.Ordinal);

    /// <summary>Kubelet scrapes served so far through /api/v1/nodes/{node}/proxy/….</summary>
    public int KubeletRequests { get; private set; }

    /// <summary>
    /// Serves <paramref name="body"/> (text exposition) at <c>/api/v1/nodes/{node}/proxy{path}</c>, as the API server's node
    /// proxy relays a kubelet's /metrics, /metrics/cadvisor or /metrics/resource; <c>{node}</c> in the body is replaced by the
    /// node name. The node must exist as an object (the real proxy answers 404 for an unknown node).
    /// </summary>
    public void SetKubeletMetrics(string node, string path, string body)
    {
        lock (_lock)
        {
            if (!_kubelet.TryGetValue(node, out var paths)) _kubelet[node] = paths = new Dictionary<string, string>(StringComparer.Ordinal);
            paths[path] = body.Replace("{node}", node, StringComparison.Ordinal);
        }
    }

    private static bool TryKubeletProxy(string path, out string node, out string kubeletPath)
    {
        node = kubeletPath = "";
        const string prefix = "/api/v1/nodes/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return false;
        int proxy = path.IndexOf("/proxy/", prefix.Length, StringComparison.Ordinal);
        if (proxy < 0) return false;
        node = path[prefix.Length..proxy];
        kubeletPath = path[(proxy + "/proxy".Length)..];
        return !node.Contains('/', StringComparison.Ordinal);
    }

    private async Task KubeletAsync(HttpContext context, string node, string path)
    {
        string? body = null;
        bool nodeExists;
        lock (_lock)
        {
            KubeletRequests++;
            nodeExists = _objects.TryGetValue("nodes", out var nodes) && nodes.ContainsKey(node);
            if (_kubelet.TryGetValue(node, out var paths)) paths.TryGetValue(path, out body);
        }
        if (!nodeExists)
        {
            await WriteStatusAsync(context, 404, "NotFound", $"nodes \"{node}\" not found");
            return;
        }
        if (body is null)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("404 page not found\n");
            return;
        }
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await context.Response.WriteAsync(body);
    }

    // ---- protocol ----

    /// <summary>The headers of the last request, for tests of client configuration.</summary>
    public IReadOnlyDictionary<string, string> LastRequestHeaders { get; private set; } = new Dictionary<string, string>();

    private async Task HandleAsync(HttpContext context)
    {
        LastRequestHeaders = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        if (ValidToken is not null && context.Request.Headers.Authorization.ToString() != "Bearer " + ValidToken)
        {
            lock (_lock) Unauthorized++;
            await WriteStatusAsync(context, 401, "Unauthorized", "Unauthorized");
            return;
        }
        if (TryKubeletProxy(context.Request.Path.Value ?? "", out string node, out string kubeletPath))
        {
            await KubeletAsync(context, node, kubeletPath);
            return;
        }
        if (!TryRoute(context.Request.Path.Value ?? "", out string plural, out string? ns))
        {
            await WriteStatusAsync(context, 404, "NotFound", $"the server could not find the requested resource ({context.Request.Path})");
            return;
        }
        var q = context.Request.Query;
        var filter = new Filter(ns, q["labelSelector"].ToString(), q["fieldSelector"].ToString());
        if (q["watch"] is var watch && (watch == "true" || watch == "1"))
        {
            await WatchAsync(context, plural, filter, q["resourceVersion"].ToString(), q["allowWatchBookmarks"] == "true",
                int.TryParse(q["timeoutSeconds"], out int t) ? t : 1800);
        }
        else
        {
            await ListAsync(context, plural, filter, int.TryParse(q["limit"], out int limit) ? limit : 0, q["continue"].ToString());
        }
    }

    private static bool TryRoute(string path, out string plural, out string? ns)
    {
        plural = "";
        ns = null;
        foreach (var (p, (prefix, _, _, _)) in s_resources)
        {
            if (path == prefix + "/" + p)
            {
                plural = p;
                return true;
            }
            string nsPrefix = prefix + "/namespaces/";
            if (path.StartsWith(nsPrefix, StringComparison.Ordinal) && path.EndsWith("/" + p, StringComparison.Ordinal))
            {
                string middle = path[nsPrefix.Length..^(p.Length + 1)];
                if (middle.Contains('/', StringComparison.Ordinal)) continue;
                plural = p;
                ns = middle;
                return true;
            }
        }
        return false;
    }

    private async Task ListAsync(HttpContext context, string plural, Filter filter, int limit, string cont)
    {
        List<JsonObject> items;
        long rv;
        int offset = 0;
        lock (_lock)
        {
            ListRequests++;
            if (cont.Length > 0 && ExpireNextContinueTokens > 0)
            {
                ExpireNextContinueTokens--;
                _snapshots.Clear();
            }
            if (cont.Length > 0)
            {
                string[] parts = Encoding.UTF8.GetString(Convert.FromBase64String(cont)).Split(':');
                if (!_snapshots.TryGetValue(parts[0], out var snap))
                {
                    GoneResponses++;
                    items = [];
                    rv = 0;
                }
                else
                {
                    (rv, items) = snap;
                    offset = int.Parse(parts[1]);
                }
            }
            else
            {
                rv = _rv;
                items = _objects.TryGetValue(plural, out var map) ? [.. map.Values.Where(filter.Matches).Select(o => o.DeepClone().AsObject())] : [];
            }
        }
        if (cont.Length > 0 && rv == 0)
        {
            await WriteStatusAsync(context, 410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            return;
        }
        int count = limit > 0 ? Math.Min(limit, items.Count - offset) : items.Count - offset;
        string? next = null;
        if (offset + count < items.Count)
        {
            lock (_lock)
            {
                string id = (++_snapshotIds).ToString();
                _snapshots[id] = (rv, items);
                next = Convert.ToBase64String(Encoding.UTF8.GetBytes(id + ":" + (offset + count)));
            }
        }
        var (_, kind, apiVersion, _) = s_resources[plural];
        var meta = new JsonObject { ["resourceVersion"] = rv.ToString() };
        if (next is not null) meta["continue"] = next;
        var list = new JsonObject
        {
            ["kind"] = kind + "List",
            ["apiVersion"] = apiVersion,
            ["metadata"] = meta,
            ["items"] = new JsonArray([.. items.Skip(offset).Take(count).Select(i => (JsonNode)i.DeepClone())]),
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(list.ToJsonString());
    }

    private async Task WatchAsync(HttpContext context, string plural, Filter filter, string fromText, bool bookmarks, int timeoutSeconds)
    {
        long from = long.TryParse(fromText, out long f) ? f : 0;
        if (RejectWatches)
        {
            await WriteStatusAsync(context, 503, "ServiceUnavailable", "apiserver is shutting down");
            return;
        }
        var watcher = new Watcher(plural, filter, bookmarks, context);
        bool gone;
        lock (_lock)
        {
            WatchRequests++;
            gone = from != 0 && from < _compactedRv;
            if (gone)
            {
                GoneResponses++;
            }
            else
            {
                if (from == 0) from = _rv; // "any": start now (the client lists first)
                foreach (var (rv, p, type, obj) in _log)
                {
                    if (rv > from && p == plural && filter.Matches(obj)) watcher.Lines.Writer.TryWrite(EventLine(type, obj));
                }
                _watchers.Add(watcher);
            }
        }
        if (gone && WatchGoneAsHttpStatus)
        {
            await WriteStatusAsync(context, 410, "Expired", $"too old resource version: {from} ({_compactedRv})");
            return;
        }
        context.Response.ContentType = "application/json";
        if (gone)
        {
            await context.Response.WriteAsync(EventLine("ERROR", GoneStatus($"too old resource version: {from} ({_compactedRv})")));
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await context.Response.Body.FlushAsync(timeout.Token);
            await foreach (string line in watcher.Lines.Reader.ReadAllAsync(timeout.Token))
            {
                await context.Response.WriteAsync(line, timeout.Token);
                await context.Response.Body.FlushAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds elapsed or the connection was cut: the stream just ends.
        }
        finally
        {
            lock (_lock) _watchers.Remove(watcher);
        }
    }

    private static string EventLine(string type, JsonObject obj) =>
        new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString() + "\n";

    private static JsonObject GoneStatus(string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = "Expired",
        ["code"] = 410,
    };

    private static async Task WriteStatusAsync(HttpContext context, int code, string reason, string message)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        var status = new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(),
            ["status"] = "Failure", ["message"] = message, ["reason"] = reason, ["code"] = code,
        };
        await context.Response.WriteAsync(status.ToJsonString());
    }

    private static string Key(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;

    private static string? Ns(JsonObject o) => o["metadata"]?["namespace"]?.GetValue<string>();

    private static string Name(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();

    public async ValueTask DisposeAsync()
    {
        DropWatches();
        await _app.DisposeAsync();
    }

    private sealed class Watcher(string plural, Filter filter, bool bookmarks, HttpContext context)
    {
        public string Plural { get; } = plural;
        public bool Bookmarks { get; } = bookmarks;
        public HttpContext Context { get; } = context;
        public Channel<string> Lines { get; } = Channel.CreateUnbounded<string>();
        public bool Matches(JsonObject o) => filter.Matches(o);
    }

    /// <summary>Namespace, equality label selectors (<c>a=b</c>, <c>a!=b</c>, <c>a</c>) and field selectors on
    /// metadata.name, metadata.namespace, spec.nodeName and (events) type.</summary>
    private sealed class Filter(string? ns, string labelSelector, string fieldSelector)
    {
        public bool Matches(JsonObject o)
        {
            if (ns is not null && Ns(o) != ns) return false;
            var labels = o["metadata"]?["labels"] as JsonObject;
            foreach (string term in labelSelector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Term(term, k => labels?[k]?.GetValue<string>())) return false;
            }
            foreach (string term in fieldSelector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Term(term, k => k switch
                {
                    "metadata.name" => Name(o),
                    "metadata.namespace" => Ns(o),
                    "spec.nodeName" => o["spec"]?["nodeName"]?.GetValue<string>(),
                    "type" => o["type"]?.GetValue<string>(),
                    _ => throw new InvalidOperationException($"fake API server: unsupported field selector {k}"),
                })) return false;
            }
            return true;
        }

        private static bool Term(string term, Func<string, string?> value)
        {
            int neq = term.IndexOf("!=", StringComparison.Ordinal);
            if (neq > 0) return value(term[..neq]) != term[(neq + 2)..];
            int eq = term.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) return value(term[..eq]) == term[(eq + 1)..].TrimStart('=');
            return value(term) is not null;
        }
    }
}
