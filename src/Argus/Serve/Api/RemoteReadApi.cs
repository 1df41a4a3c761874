using Argus.Remote.Read;
using Microsoft.AspNetCore.Http;

namespace Argus.Serve.Api;

/// <summary>
/// POST /api/v1/read: Prometheus's remote read endpoint (SAMPLES responses). The body is a snappy-compressed
/// prompb.ReadRequest; the answer a snappy-compressed prompb.ReadResponse with <c>Content-Type: application/x-protobuf</c>
/// and <c>Content-Encoding: snappy</c>. Errors are plain text with the status Prometheus uses (400 bad request or limit,
/// 500 storage failure), since remote read clients log the body as the reason.
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
        byte[] response;
        try
        {
            var request = handler.Decode(body);
            response = await handler.ExecuteAsync(request, ctx.RequestAborted);
        }
        catch (RemoteReadException e)
        {
            await PlainError(ctx, e.StatusCode, e.Message);
            return;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            await PlainError(ctx, 500, $"remote read failed reading the store: {e.Message}");
            return;
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            return; // the client went away
        }
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/x-protobuf";
        ctx.Response.Headers.ContentEncoding = "snappy";
        ctx.Response.ContentLength = response.Length;
        await ctx.Response.Body.WriteAsync(response, ctx.RequestAborted);
    }

    private static async Task PlainError(HttpContext ctx, int status, string message)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        await ctx.Response.WriteAsync(message + "\n", ctx.RequestAborted);
    }
}
