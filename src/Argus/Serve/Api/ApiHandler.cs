using Microsoft.AspNetCore.Http;

namespace Argus.Serve.Api;

/// <summary>Turns <see cref="ApiException"/>s from a handler into Prometheus's error envelope with the right status.</summary>
public static class ApiHandler
{
    public static async Task RunAsync(HttpContext ctx, Func<Task> handler)
    {
        try
        {
            await handler();
        }
        catch (ApiException e) when (!ctx.Response.HasStarted)
        {
            await ApiResponse.ErrorAsync(ctx, e.Type, e.Message);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
    }
}
