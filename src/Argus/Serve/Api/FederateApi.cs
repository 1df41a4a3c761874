using System.Buffers;
using System.Globalization;
using System.Text;
using Argus.Collect.Exposition;
using Argus.Model;
using Argus.Query.Parser;
using Argus.Store;
using Microsoft.AspNetCore.Http;
using IQueryable = Argus.Store.IQueryable;

namespace Argus.Serve.Api;

/// <summary>
/// GET /federate?match[]=…: the latest sample of every series selected by any match[] within the lookback delta, in the
/// text exposition format 0.0.4, as prometheus:web/federate.go writes it: series grouped by metric name (each family
/// "# TYPE name untyped", no HELP), labels in stored order without <c>__name__</c>, then the external labels the series
/// lacks (sorted by name, <c>instance=""</c> among them when no external instance is configured), every sample with
/// its timestamp. Series whose latest sample is a stale marker are left out (the format cannot carry one), as are
/// nameless series. A bad selector is a plain-text 400, as Prometheus answers.
/// </summary>
public static class FederateApi
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static async Task Handle(HttpContext ctx, IQueryable store, Labels externalLabels, TimeSpan lookbackDelta, TimeProvider time)
    {
        var p = await ApiParams.ReadAsync(ctx.Request);
        var selectors = new List<Matcher[]>();
        foreach (string s in p.GetAll("match[]"))
        {
            try
            {
                selectors.Add([.. PromQLParser.ParseMetricSelector(s)]);
            }
            catch (PromQLParseException e)
            {
                await PlainError(ctx, 400, e.Message);
                return;
            }
        }
        long maxt = time.GetUtcNow().ToUnixTimeMilliseconds();
        long mint = maxt - (long)lookbackDelta.TotalMilliseconds;
        var latest = Latest(store, selectors, mint, maxt, ctx.RequestAborted);
        var body = new ArrayBufferWriter<byte>(4096);
        Write(body, latest, externalLabels);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = ContentType;
        await ctx.Response.Body.WriteAsync(body.WrittenMemory, ctx.RequestAborted);
    }

    /// <summary>
    /// The last sample in [mint, maxt] of each distinct series matching any selector, sorted by metric name (label order
    /// within a name); stale and nameless series are skipped.
    /// </summary>
    internal static List<(Labels Labels, Sample Sample)> Latest(IQueryable store, IReadOnlyList<Matcher[]> selectors, long mint, long maxt,
                                                                 CancellationToken cancellationToken)
    {
        var seen = new HashSet<Labels>();
        var result = new List<(Labels, Sample)>();
        using var querier = store.Querier(mint, maxt);
        ISampleIterator? it = null;
        foreach (var matchers in selectors)
        {
            var set = querier.Select(true, matchers);
            while (set.Next())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var series = set.At;
                if (!seen.Add(series.Labels)) continue;
                it = series.Iterator(it);
                bool any = false;
                long t = 0;
                double v = 0;
                while (it.Next())
                {
                    (t, v, any) = (it.T, it.V, true);
                }
                if (!any || StaleNaN.IsStale(v)) continue;
                if (series.Labels.MetricNameValue.Length == 0) continue;
                result.Add((series.Labels, new Sample(t, v)));
            }
        }
        // Prometheus sorts by name only; a stable sort keeps the label order of the series sets within a name.
        result.Sort(static (a, b) => string.CompareOrdinal(a.Item1.MetricNameValue, b.Item1.MetricNameValue) switch
        {
            0 => Labels.Compare(a.Item1, b.Item1),
            var c => c,
        });
        return result;
    }

    internal static void Write(IBufferWriter<byte> w, List<(Labels Labels, Sample Sample)> samples, Labels externalLabels)
    {
        // federate.go always treats instance as an external label, so a series without one gets instance="".
        var external = new List<Label>(externalLabels.Count + 1);
        foreach (var l in externalLabels) external.Add(l);
        if (!externalLabels.Has("instance")) external.Add(new Label("instance", ""));
        external.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));

        string? lastName = null;
        foreach (var (labels, sample) in samples)
        {
            string name = labels.MetricNameValue;
            if (name != lastName)
            {
                Utf8(w, "# TYPE ");
                Utf8(w, name);
                Utf8(w, " untyped\n");
                lastName = name;
            }
            Utf8(w, name);
            bool open = false;
            foreach (var l in labels)
            {
                if (l.Name == Labels.MetricName) continue;
                WriteLabel(w, ref open, l.Name, l.Value);
            }
            foreach (var l in external)
            {
                if (!labels.Has(l.Name)) WriteLabel(w, ref open, l.Name, l.Value);
            }
            if (open) Utf8(w, "}");
            Span<byte> span = w.GetSpan(GoFloat.MaxFormattedLength + 24);
            span[0] = (byte)' ';
            int n = 1 + GoFloat.Format(sample.V, span[1..]);
            span[n++] = (byte)' ';
            sample.T.TryFormat(span[n..], out int tn, default, CultureInfo.InvariantCulture);
            n += tn;
            span[n++] = (byte)'\n';
            w.Advance(n);
        }
    }

    private static void WriteLabel(IBufferWriter<byte> w, ref bool open, string name, string value)
    {
        Utf8(w, open ? "," : "{");
        open = true;
        Utf8(w, name);
        Utf8(w, "=\"");
        // Text format 0.0.4 label value escaping: backslash, double quote and line feed.
        if (value.AsSpan().IndexOfAny('\\', '"', '\n') < 0)
        {
            Utf8(w, value); // fast path: nothing to escape
            Utf8(w, "\"");
            return;
        }
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '\\': Utf8(w, "\\\\"); break;
                case '"': Utf8(w, "\\\""); break;
                case '\n': Utf8(w, "\\n"); break;
                default:
                    Span<byte> span = w.GetSpan(4);
                    w.Advance(rune.EncodeToUtf8(span));
                    break;
            }
        }
        Utf8(w, "\"");
    }

    private static void Utf8(IBufferWriter<byte> w, string s) => Encoding.UTF8.GetBytes(s.AsSpan(), w);

    private static async Task PlainError(HttpContext ctx, int status, string message)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        await ctx.Response.WriteAsync(message + "\n", ctx.RequestAborted);
    }
}
