using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Argus.Serve;

/// <summary>
/// ASP.NET Core's choice of response encoding, except that a response known to be smaller than <see cref="MinBytes"/>
/// (its Content-Length set before the first write, as <see cref="Api.ApiResponse"/> does for answers it has buffered
/// whole) is sent as it is: the dashboards' stat and gauge queries answer in ≈ 110 bytes, where compression saves no
/// round trip and costs an encoder per response on both sides.
/// </summary>
public sealed class ApiCompressionProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
    : ResponseCompressionProvider(services, options)
{
    /// <summary>
    /// One TCP segment of Ethernet (1,460 bytes of payload) less room for the headers: a reply this small goes out in
    /// one segment whether compressed or not, so compressing it cannot make it arrive sooner.
    /// </summary>
    public const int MinBytes = 1024;

    public override bool ShouldCompressResponse(HttpContext context) =>
        context.Response.ContentLength is not (>= 0 and < MinBytes) && base.ShouldCompressResponse(context);
}
