using Argus.Query.Parser;
using Microsoft.AspNetCore.Http;

namespace Argus.Serve.Api;

/// <summary>/api/v1/format_query: the query re-printed canonically (comments removed), or the parse error as bad_data.</summary>
public static class FormatQueryApi
{
    public static Task Handle(HttpContext ctx) => ApiHandler.RunAsync(ctx, async () =>
    {
        var p = await ApiParams.ReadAsync(ctx.Request);
        string query = p.Get("query") ?? "";
        Expr expr;
        try
        {
            expr = PromQLParser.ParseExpr(query);
        }
        catch (PromQLParseException e)
        {
            throw new ApiException(ApiErrorType.BadData, $"invalid parameter \"query\": {e.Message}");
        }
        string formatted = Printer.Format(expr);
        await ApiResponse.SuccessAsync(ctx, w => w.WriteStringValue(formatted));
    });
}
