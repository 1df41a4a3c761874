using System.Text.Json;
using Microsoft.Playwright;

namespace Argus.Tests.Browser;

/// <summary>
/// Records a Chromium performance trace (the format chrome://tracing and the DevTools performance panel open) through the
/// browser's DevTools protocol <c>Tracing</c> domain, from <see cref="StartAsync"/> until disposal, into a JSON file of
/// <c>{"traceEvents": [...]}</c>. Categories: the DevTools timeline (tasks, script evaluation, layout, paint, GC), V8
/// execution and its sampling CPU profiler (JavaScript functions), User Timing marks, and loading/network.
/// bench/ui/trace-summary.py reads the file.
/// </summary>
public sealed class ChromiumTrace : IAsyncDisposable
{
    private const string Categories = "devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.frame,"
        + "v8,v8.execute,disabled-by-default-v8.cpu_profiler,blink.user_timing,loading,netlog,toplevel,blink,cc,gpu,latencyInfo";

    private readonly ICDPSession _session;
    private readonly string _path;
    private readonly List<JsonElement> _events = [];
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChromiumTrace(ICDPSession session, string path)
    {
        _session = session;
        _path = path;
    }

    public static async Task<ChromiumTrace> StartAsync(IBrowser browser, string path)
    {
        var session = await browser.NewBrowserCDPSessionAsync();
        var trace = new ChromiumTrace(session, path);
        session.Event("Tracing.dataCollected").OnEvent += (_, data) =>
        {
            if (data is not { } d || !d.TryGetProperty("value", out var value)) return;
            lock (trace._events)
            {
                foreach (var e in value.EnumerateArray()) trace._events.Add(e.Clone());
            }
        };
        session.Event("Tracing.tracingComplete").OnEvent += (_, _) => trace._complete.TrySetResult();
        await session.SendAsync("Tracing.start", new Dictionary<string, object>
        {
            ["transferMode"] = "ReportEvents",
            ["traceConfig"] = new Dictionary<string, object>
            {
                ["recordMode"] = "recordAsMuchAsPossible",
                ["includedCategories"] = Categories.Split(','),
            },
        });
        return trace;
    }

    public async ValueTask DisposeAsync()
    {
        await _session.SendAsync("Tracing.end");
        await _complete.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await using (var file = File.Create(_path))
        await using (var w = new Utf8JsonWriter(file))
        {
            w.WriteStartObject();
            w.WriteStartArray("traceEvents");
            lock (_events)
            {
                foreach (var e in _events) e.WriteTo(w);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        await _session.DetachAsync();
    }
}
