using Microsoft.AspNetCore.Http;

namespace Argus.Serve.Ui;

/// <summary>An endpoint result that writes one UI asset with <see cref="UiEndpoints.WriteAsync"/> (validators, encodings).</summary>
public sealed class UiAssetResult(UiAsset asset) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => UiEndpoints.WriteAsync(httpContext, asset);
}
