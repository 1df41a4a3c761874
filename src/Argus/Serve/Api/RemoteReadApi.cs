using Argus.Remote.Read;
using Microsoft.AspNetCore.Http;

namespace Argus.Serve.Api;

/// <summary>
/// POST /api/v1/read: Prometheus's remote read endpoint. The body is a snappy-compressed prompb.ReadRequest. The response
/// type is negotiated from the request's accepted_response_types as Prometheus does (first supported one, SAMPLES when
/// the list is empty): SAMPLES is a snappy-compressed prompb.ReadResponse with <c>Content-Type: application/x-protobuf</c>
/// and <c>Content-Encoding: snappy</c>; STREAMED_XOR_CHUNKS a stream of CRC-checked ChunkedReadResponse frames with
/// <c>Content-Type: application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse</c> and no compression.
/// Errors are plain text with the status Prometheus uses (400 bad request or limit, 500 storage failure), since remote
/// read clients log the body as the reason; a streamed answer that fails after its first frames went out is aborted, so
/// the client sees a broken stream rather than a short one it would take as complete.
/// </summary>
public sealed class RemoteReadApi(RemoteReadHandler handler)
{
    public async Task Handle(HttpContext ctx)
    {
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
            body = buffer.ToArray();
        }
        try
        {
            var request = handler.Decode(body);
            if (RemoteReadHandler.NegotiateResponseType(request.AcceptedResponseTypes) == ReadResponseType.StreamedXorChunks)
            {
                ctx.Response.StatusCode = 200;
                ctx.Response.ContentType = RemoteReadHandler.StreamedContentType;
                await handler.StreamChunksAsync(request, ctx.Response.Body, ctx.RequestAborted);
                return;
            }
            byte[] response = await handler.ExecuteAsync(request, ctx.RequestAborted);
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/x-protobuf";
            ctx.Response.Headers.ContentEncoding = "snappy";
            ctx.Response.ContentLength = response.Length;
            await ctx.Response.Body.WriteAsync(response, ctx.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && ctx.RequestAborted.IsCancellationRequested)
        {
            // The client went away (mid-stream, writing fails with an IOException).
        }
        catch (RemoteReadException e)
        {
            await FailAsync(ctx, e.StatusCode, e.Message);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            await FailAsync(ctx, 500, $"remote read failed reading the store: {e.Message}");
        }
    }

    private static async Task FailAsync(HttpContext ctx, int status, string message)
    {
        if (ctx.Response.HasStarted)
        {
            ctx.Abort();
            return;
        }
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        await ctx.Response.WriteAsync(message + "\n", ctx.RequestAborted);
    }
}
