using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using Argus.Model;
using Argus.Remote.Protocol;
using Argus.Store;
using Argus.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Argus.Remote.Write;

/// <summary>
/// POST /api/v1/write with <c>--web.enable-remote-write-receiver</c>: decodes a snappy-compressed prometheus.WriteRequest
/// and appends its samples through the store's appender in one commit. Answers as the contract
/// (../shared/contracts/remote-write.md §4) says: 204 on success; 400 for a malformed body or invalid series (empty or
/// repeated label names; unsorted labels are sorted) and for rejected samples (out of order, duplicate, too old), after
/// committing the valid rest, with counts by reason; 413 over the body limit; 415 for another content type, encoding, or
/// the 2.0 message; 500 only when the store fails. Metadata is accepted and counted.
/// </summary>
public sealed partial class RemoteWriteReceiver
{
    /// <summary>Largest compressed body read: Prometheus senders send 2000 samples, some hundred KiB.</summary>
    public const int DefaultMaxBodyBytes = 32 << 20;

    private readonly Func<IAppendable?> _store;
    private readonly ILogger _logger;
    private readonly int _maxBodyBytes;
    private readonly Counter _samples;
    private readonly Counter _metadata;
    private readonly CounterVec _rejected;

    public RemoteWriteReceiver(IAppendable store, MetricsRegistry registry, ILogger logger, int maxBodyBytes = DefaultMaxBodyBytes)
        : this(() => store, registry, logger, maxBodyBytes)
    {
    }

    /// <param name="store">The store once it is open; null before (requests then get 503, as any request to a starting server).</param>
    public RemoteWriteReceiver(Func<IAppendable?> store, MetricsRegistry registry, ILogger logger, int maxBodyBytes = DefaultMaxBodyBytes)
    {
        _store = store;
        _logger = logger;
        _maxBodyBytes = maxBodyBytes;
        _samples = registry.Counter("argus_remote_write_received_samples_total", "Samples appended from remote write requests.");
        _metadata = registry.Counter("argus_remote_write_received_metadata_total", "Metadata entries received in remote write requests.");
        _rejected = registry.CounterVec("argus_remote_write_rejected_samples_total", "Samples of remote write requests that were not appended, by reason.", "reason");
    }

    public async Task HandleAsync(HttpContext ctx)
    {
        if (ContentTypeError(ctx.Request) is { } unsupported)
        {
            await TextAsync(ctx, StatusCodes.Status415UnsupportedMediaType, unsupported);
            return;
        }
        if (ctx.Request.ContentLength > _maxBodyBytes)
        {
            await TextAsync(ctx, StatusCodes.Status413PayloadTooLarge, $"body of {ctx.Request.ContentLength} bytes exceeds the limit of {_maxBodyBytes}");
            return;
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ctx.Request.ContentLength is > 0 and var n ? (int)n : 64 * 1024);
        try
        {
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= _maxBodyBytes)
                    {
                        await TextAsync(ctx, StatusCodes.Status413PayloadTooLarge, $"body exceeds the limit of {_maxBodyBytes} bytes");
                        return;
                    }
                    byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_maxBodyBytes, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                int read = await ctx.Request.Body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, _maxBodyBytes + 1) - length), ctx.RequestAborted);
                if (read == 0) break;
                length += read;
                if (length > _maxBodyBytes)
                {
                    await TextAsync(ctx, StatusCodes.Status413PayloadTooLarge, $"body exceeds the limit of {_maxBodyBytes} bytes");
                    return;
                }
            }
            WriteRequest request;
            try
            {
                request = WriteRequestDecoder.DecodeSnappy(buffer.AsSpan(0, length));
            }
            catch (InvalidDataException e)
            {
                Log.BadRequest(_logger, e.Message);
                await TextAsync(ctx, StatusCodes.Status400BadRequest, e.Message);
                return;
            }
            if (_store() is not { } store)
            {
                await TextAsync(ctx, StatusCodes.Status503ServiceUnavailable, "the store is still opening (WAL replay)");
                return;
            }
            string? error;
            try
            {
                error = Append(store, request);
            }
            catch (IOException e)
            {
                await TextAsync(ctx, StatusCodes.Status500InternalServerError, $"storage failed: {e.Message}");
                return;
            }
            if (error is not null)
            {
                Log.BadRequest(_logger, error);
                await TextAsync(ctx, StatusCodes.Status400BadRequest, error);
                return;
            }
            ctx.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Appends every valid sample in one commit; returns null, or why some series or samples were rejected.</summary>
    internal string? Append(IAppendable store, WriteRequest request)
    {
        int outOfOrder = 0, duplicate = 0, tooOld = 0, invalid = 0, appended = 0;
        string? firstInvalid = null;
        var appender = store.Appender();
        try
        {
            var list = new List<Label>();
            foreach (var ts in request.Timeseries)
            {
                if (ts.Samples.Count == 0) continue;   // exemplar- or histogram-only entries
                if (InvalidLabels(ts.Labels, list) is { } why)
                {
                    invalid += ts.Samples.Count;
                    firstInvalid ??= why;
                    continue;
                }
                Labels labels = Labels.FromList(list);
                SeriesRef series = SeriesRef.None;
                foreach (Sample s in ts.Samples)
                {
                    switch (appender.Append(ref series, labels, s.T, s.V))
                    {
                        case AppendOutcome.Ok or AppendOutcome.Repeat:
                            appended++;
                            break;
                        case AppendOutcome.OutOfOrder:
                            outOfOrder++;
                            break;
                        case AppendOutcome.Duplicate:
                            duplicate++;
                            break;
                        case AppendOutcome.TooOld:
                            tooOld++;
                            break;
                        default:
                            invalid++;
                            break;
                    }
                }
            }
            appender.Commit();
        }
        catch
        {
            appender.Rollback();
            throw;
        }
        _samples.Add(appended);
        _metadata.Add(request.Metadata.Count);
        if (outOfOrder + duplicate + tooOld + invalid == 0) return null;
        var text = new StringBuilder();
        Reason(text, "out of order sample", outOfOrder, "out_of_order");
        Reason(text, "duplicate sample for timestamp", duplicate, "duplicate");
        Reason(text, "out of bounds", tooOld, "too_old");
        Reason(text, firstInvalid ?? "invalid series", invalid, "invalid_labels");
        text.Append($"; {appended} samples appended");
        return text.ToString();
    }

    private void Reason(StringBuilder text, string what, int count, string reason)
    {
        if (count == 0) return;
        _rejected.WithLabels(reason).Add(count);
        if (text.Length > 0) text.Append("; ");
        text.Append(what).Append(": ").Append(count).Append(count == 1 ? " sample" : " samples");
    }

    /// <summary>Fills <paramref name="list"/> with the labels; returns why they are invalid (empty or repeated name, no labels), else null.</summary>
    private static string? InvalidLabels(IReadOnlyList<Label> labels, List<Label> list)
    {
        list.Clear();
        if (labels.Count == 0) return "series without labels";
        foreach (Label l in labels)
        {
            if (l.Name.Length == 0) return "empty label name";
            list.Add(l);
        }
        list.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (int i = 1; i < list.Count; i++)
        {
            if (list[i].Name == list[i - 1].Name) return $"label name \"{list[i].Name}\" is not unique";
        }
        return null;
    }

    /// <summary>Null when the body is remote write 1.0 as far as the headers tell; else the 415 message.</summary>
    private static string? ContentTypeError(HttpRequest request)
    {
        string? contentType = request.ContentType;
        if (!string.IsNullOrEmpty(contentType))
        {
            if (!MediaTypeHeaderValue.TryParse(contentType, out var media) ||
                !string.Equals(media.MediaType, RemoteWriteClient.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                return $"unsupported content type \"{contentType}\": expected {RemoteWriteClient.ContentType}";
            }
            foreach (var p in media.Parameters)
            {
                if (p.Name.Equals("proto", StringComparison.OrdinalIgnoreCase) && p.Value?.Trim('"') != "prometheus.WriteRequest")
                {
                    return $"unsupported proto message \"{p.Value}\": this receiver accepts remote write 1.0 (prometheus.WriteRequest)";
                }
            }
        }
        string encoding = request.Headers.ContentEncoding.ToString();
        if (encoding.Length > 0 && !encoding.Equals("snappy", StringComparison.OrdinalIgnoreCase))
        {
            return $"unsupported content encoding \"{encoding}\": expected snappy";
        }
        return null;
    }

    private static Task TextAsync(HttpContext ctx, int status, string message)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        return ctx.Response.WriteAsync(message + "\n", ctx.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Remote write request rejected: {Reason}")]
        public static partial void BadRequest(ILogger logger, string reason);
    }
}
