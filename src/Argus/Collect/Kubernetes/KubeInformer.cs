using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Argus.Collect.Kubernetes;

/// <summary>
/// Keeps a local copy of one kind of object (optionally one namespace, label and field selector) in step with the API server,
/// as client-go's reflector + informer do: list in pages (limit/continue), then watch from the list's resourceVersion with
/// bookmarks; when a watch ends, watch again from the last resourceVersion seen (events and bookmarks advance it); when the
/// server answers 410 Gone (HTTP status or an ERROR event), list again and report the difference to the cache. Failures back
/// off exponentially with jitter. Handlers see every change exactly once and in order; see <see cref="IKubeEventHandler{T}"/>.
/// </summary>
/// <remarks>Thread-safety: <see cref="RunAsync"/> is the only writer. <see cref="TryGet"/> and <see cref="List"/> may be called
/// from any thread, including from any informer's handlers. Handlers run on this informer's loop under its dispatch lock (which
/// orders them against <see cref="AddHandler"/>) but never under a cache lock, so they may read any informer without risk of
/// deadlock; they must not call <see cref="AddHandler"/>.</remarks>
public sealed partial class KubeInformer<T, TList> : IKubeInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TList : class, IKubernetesObject<V1ListMeta>, IItems<T>
{
    private readonly IKubernetes _client;
    private readonly KubeResource<T, TList> _resource;
    private readonly string? _namespace;
    private readonly string? _labelSelector;
    private readonly string? _fieldSelector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly KubeInformerOptions _options;
    private readonly Lock _cacheLock = new();
    private readonly Lock _dispatchLock = new(); // orders handler registration against event delivery
    private readonly List<IKubeEventHandler<T>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Dictionary<string, T> _cache = new(StringComparer.Ordinal);
    private string? _resourceVersion;

    public KubeInformer(IKubernetes client, KubeResource<T, TList> resource, string? @namespace, string? labelSelector,
        string? fieldSelector, TimeProvider time, ILogger logger, KubeInformerOptions? options = null)
    {
        if (!resource.Namespaced && @namespace is not null)
        {
            throw new ArgumentException($"{resource.Plural} are cluster-scoped: cannot watch them in namespace \"{@namespace}\"", nameof(@namespace));
        }
        _client = client;
        _resource = resource;
        _namespace = @namespace;
        _labelSelector = string.IsNullOrEmpty(labelSelector) ? null : labelSelector;
        _fieldSelector = string.IsNullOrEmpty(fieldSelector) ? null : fieldSelector;
        _time = time;
        _logger = logger;
        _options = options ?? new KubeInformerOptions();
        Description = $"{resource.Plural} ns={@namespace ?? "(all)"} label={_labelSelector} field={_fieldSelector}";
    }

    public string Description { get; }

    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resourceVersion the next watch starts from (null before the first list).</summary>
    public string? ResourceVersion { get { lock (_cacheLock) return _resourceVersion; } }

    /// <summary>Complete lists made (the first one and one per 410 Gone).</summary>
    public long Lists { get; private set; }

    /// <summary>Watches opened (the first and every reconnect).</summary>
    public long Watches { get; private set; }

    /// <summary>Failed list or watch attempts (each followed by a back-off).</summary>
    public long Failures { get; private set; }

    /// <summary>The cache key of an object: <c>namespace/name</c>, or <c>name</c> for cluster-scoped objects (client-go's
    /// MetaNamespaceKeyFunc).</summary>
    public static string KeyOf(T obj) => KeyOf(obj.Metadata.NamespaceProperty, obj.Metadata.Name);

    public static string KeyOf(string? @namespace, string name) => string.IsNullOrEmpty(@namespace) ? name : @namespace + "/" + name;

    public bool TryGet(string key, out T? obj)
    {
        lock (_cacheLock) return _cache.TryGetValue(key, out obj);
    }

    public int Count { get { lock (_cacheLock) return _cache.Count; } }

    /// <summary>A snapshot of the cached objects, in no particular order.</summary>
    public IReadOnlyList<T> List()
    {
        lock (_cacheLock) return [.. _cache.Values];
    }

    /// <summary>Registers a handler. If objects are already cached it first receives an <c>OnAdd</c> for each, so late
    /// subscribers (a second SD config sharing this informer) start from the same state.</summary>
    public void AddHandler(IKubeEventHandler<T> handler)
    {
        lock (_dispatchLock)
        {
            foreach (var obj in List()) handler.OnAdd(obj);
            _handlers.Add(handler);
        }
    }

    public Task WaitForSyncAsync(CancellationToken cancel) => _synced.Task.WaitAsync(cancel);

    public async Task RunAsync(CancellationToken stop)
    {
        bool needList = true;
        int failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    await ListAndReplaceAsync(stop);
                    needList = false;
                    failures = 0;
                }
                long started = _time.GetTimestamp();
                int events = 0;
                bool gone = await WatchAsync(stop, () => { failures = 0; events++; });
                if (gone)
                {
                    Log.Gone(_logger, Description, ResourceVersion);
                    needList = true;
                }
                else if (events == 0 && _time.GetElapsedTime(started) < TimeSpan.FromSeconds(1))
                {
                    // The server closed an empty watch at once (client-go treats this as an error): do not spin.
                    await Task.Delay(Backoff(failures++), _time, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Gone)
            {
                Log.Gone(_logger, Description, ResourceVersion);
                needList = true; // relist at once: nothing is wrong with the server, our version is just too old
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // Transport errors, HTTP errors (401, 5xx), ERROR events, undecodable objects: the loop must outlive them all.
                Failures++;
                KubernetesSdMetrics.Failure();
                TimeSpan delay = Backoff(failures++);
                Log.Failed(_logger, Description, needList ? "list" : "watch", Describe(e), delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, _time, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        double baseMs = _options.MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 16));
        double capped = Math.Min(baseMs, _options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    private static string Describe(Exception e) => e switch
    {
        HttpOperationException h => $"HTTP {(int?)h.Response?.StatusCode} {h.Response?.ReasonPhrase}: {Truncate(h.Response?.Content)}",
        KubernetesException k => $"status {k.Status?.Code} {k.Status?.Reason}: {k.Status?.Message}",
        _ => e.Message,
    };

    private static string? Truncate(string? s) => s is { Length: > 200 } ? s[..200] + "…" : s;

    /// <summary>Lists every object page by page, then swaps the cache and reports the difference to the old one. An expired
    /// continue token (410) restarts the list from the first page, as client-go's pager falls back to a full list.</summary>
    private async Task ListAndReplaceAsync(CancellationToken stop)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                var (items, version) = await ListAllAsync(stop);
                Lists++;
                Replace(items, version);
                return;
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Gone && attempt < 2)
            {
                Log.ContinueExpired(_logger, Description);
            }
        }
    }

    private async Task<(Dictionary<string, T> Items, string? Version)> ListAllAsync(CancellationToken stop)
    {
        var items = new Dictionary<string, T>(StringComparer.Ordinal);
        string? cont = null;
        string? version = null;
        do
        {
            using var timeout = new CancellationTokenSource(_options.ListTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
            var request = new KubeListRequest(_labelSelector, _fieldSelector, Limit: _options.PageSize, Continue: cont);
            var page = await _resource.List(_client, _namespace, request, linked.Token);
            version ??= page.Metadata?.ResourceVersion; // every page carries the first page's snapshot version
            foreach (var item in page.Items ?? []) items[KeyOf(item)] = item;
            cont = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(cont));
        return (items, version);
    }

    private void Replace(Dictionary<string, T> fresh, string? version)
    {
        var added = new List<T>();
        var updated = new List<(T Old, T New)>();
        var deleted = new List<T>();
        lock (_dispatchLock) // swap and report as one step, so a handler registering meanwhile sees either all or none of it
        {
            lock (_cacheLock)
            {
                foreach (var (key, obj) in fresh)
                {
                    if (!_cache.TryGetValue(key, out var old)) added.Add(obj);
                    else if (old.Metadata.ResourceVersion != obj.Metadata.ResourceVersion || old.Metadata.Uid != obj.Metadata.Uid) updated.Add((old, obj));
                }
                foreach (var (key, old) in _cache)
                {
                    if (!fresh.ContainsKey(key)) deleted.Add(old);
                }
                _cache = fresh;
                _resourceVersion = version;
            }
            foreach (var h in _handlers)
            {
                foreach (var d in deleted) h.OnDelete(d);
                foreach (var (o, n) in updated) h.OnUpdate(o, n);
                foreach (var a in added) h.OnAdd(a);
            }
        }
        _synced.TrySetResult();
    }

    /// <summary>One watch from the current resourceVersion until the server ends it. Returns true on 410 Gone (an ERROR
    /// event with code 410), false when the stream just ended (timeoutSeconds, dropped connection): the caller watches again
    /// from the last version seen.</summary>
    private async Task<bool> WatchAsync(CancellationToken stop, Action progressed)
    {
        Watches++;
        int timeout = (int)(_options.WatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));
        var request = new KubeListRequest(_labelSelector, _fieldSelector, ResourceVersion: ResourceVersion, Watch: true, TimeoutSeconds: timeout);
        bool gone = false;
        Exception? error = null;
        var stream = _resource.Watch(_client, _namespace, request, e =>
        {
            if (e is KubernetesException { Status.Code: 410 }) gone = true;
            else error ??= e;
        }, stop);
        await foreach (var (type, obj) in stream)
        {
            switch (type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    Upsert(obj);
                    break;
                case WatchEventType.Deleted:
                    Delete(obj);
                    break;
                case WatchEventType.Bookmark:
                    if (obj.Metadata?.ResourceVersion is { } rv) lock (_cacheLock) _resourceVersion = rv;
                    break;
            }
            progressed();
            if (gone || error is not null) break;
        }
        if (gone) return true;
        if (error is not null) throw error is KubernetesException or IOException ? error : new IOException("watch event could not be read: " + error.Message, error);
        return false;
    }

    private void Upsert(T obj)
    {
        string key = KeyOf(obj);
        lock (_dispatchLock)
        {
            T? old;
            lock (_cacheLock)
            {
                _resourceVersion = obj.Metadata.ResourceVersion ?? _resourceVersion;
                if (_cache.TryGetValue(key, out old) && old.Metadata.ResourceVersion == obj.Metadata.ResourceVersion) return; // replayed event
                _cache[key] = obj;
            }
            foreach (var h in _handlers)
            {
                if (old is null) h.OnAdd(obj);
                else h.OnUpdate(old, obj);
            }
        }
    }

    private void Delete(T obj)
    {
        string key = KeyOf(obj);
        lock (_dispatchLock)
        {
            T? old;
            lock (_cacheLock)
            {
                _resourceVersion = obj.Metadata.ResourceVersion ?? _resourceVersion;
                if (!_cache.Remove(key, out old)) return; // already gone (deleted while we were relisting)
            }
            foreach (var h in _handlers) h.OnDelete(old);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Kubernetes watch of {Informer} expired at resourceVersion {Version} (410 Gone); listing again")]
        public static partial void Gone(ILogger logger, string informer, string? version);

        [LoggerMessage(Level = LogLevel.Information, Message = "Kubernetes list of {Informer}: continue token expired (410 Gone); listing from the first page")]
        public static partial void ContinueExpired(ILogger logger, string informer);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Kubernetes {Operation} of {Informer} failed: {Reason}; retrying in {Delay:F1}s")]
        public static partial void Failed(ILogger logger, string informer, string operation, string reason, double delay);
    }
}
