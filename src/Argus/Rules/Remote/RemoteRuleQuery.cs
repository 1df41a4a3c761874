using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Argus.Model;
using Argus.Query.Engine;
using Argus.Query.Parser;

namespace Argus.Rules.Remote;

/// <summary>
/// Evaluates rule expressions through a remote Prometheus-compatible <c>/api/v1/query</c> (as vmalert does) instead of
/// the embedded engine: the expression, printed, is POSTed as a form with <c>time</c> = the evaluation timestamp, and the
/// answer becomes the rule's output exactly as local evaluation's would (a vector as it is, a scalar as one sample without
/// labels, anything else an error). Every failure (unreachable, timeout, non-2xx with Prometheus's error envelope or
/// not, invalid JSON, an unexpected result type) throws <see cref="RuleEvaluationException"/> with a message naming the
/// endpoint and the cause, which the rule group shows as the rule's health "err". Thread-safe; rule groups share one.
/// </summary>
public sealed class RemoteRuleQuery : IDisposable
{
    private const int MaxErrorBodyChars = 512;
    private readonly RemoteQueryOptions _options;
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _display;

    public RemoteRuleQuery(RemoteQueryOptions options, HttpMessageHandler? handler = null)
    {
        _options = options;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // per request, below, to tell a timeout from a stop
        string baseUrl = options.Url.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _endpoint = new Uri(baseUrl + "/api/v1/query");
        // Never show credentials embedded in the URL in errors, logs or the rules API.
        _display = new UriBuilder(_endpoint) { UserName = "", Password = "" }.Uri.ToString();
    }

    /// <summary>This evaluator as the rule groups' query seam.</summary>
    public RuleQuery AsRuleQuery() => Query;

    public IReadOnlyList<VectorSample> Query(Expr expr, long tMs, CancellationToken cancellationToken)
    {
        string query = expr.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new FormUrlEncodedContent([
                new("query", query),
                new("time", FormatTime(tMs)),
            ]),
        };
        Authorize(request);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        byte[] body;
        int status;
        try
        {
            using var response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            using var stream = response.Content.ReadAsStream(timeout.Token);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            body = buffer.ToArray();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new QueryException(QueryErrorKind.Canceled, "query was canceled");
        }
        catch (OperationCanceledException)
        {
            throw Fail($"timed out after {Argus.Config.PromDuration.Format(_options.Timeout)}");
        }
        catch (HttpRequestException e)
        {
            throw Fail(e.Message);
        }
        catch (IOException e)
        {
            throw Fail($"reading the response: {e.Message}");
        }
        return Decode(status, body, tMs);
    }

    private IReadOnlyList<VectorSample> Decode(int status, byte[] body, long tMs)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw status is >= 200 and < 300
                ? Fail($"invalid JSON in the response: {e.Message}")
                : Fail($"status {status}: {Truncate(Encoding.UTF8.GetString(body))}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Fail("invalid response: not a JSON object");
            string? state = root.TryGetProperty("status", out var st) && st.ValueKind == JsonValueKind.String ? st.GetString() : null;
            if (status is < 200 or >= 300 || state != "success")
            {
                string kind = root.TryGetProperty("errorType", out var et) && et.ValueKind == JsonValueKind.String ? et.GetString()! : "";
                string message = root.TryGetProperty("error", out var er) && er.ValueKind == JsonValueKind.String ? er.GetString()! : Truncate(Encoding.UTF8.GetString(body));
                throw Fail($"status {status}: {(kind.Length > 0 ? kind + ": " : "")}{message}");
            }
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("resultType", out var rt) || !data.TryGetProperty("result", out var result))
            {
                throw Fail("invalid response: no data.resultType and data.result");
            }
            switch (rt.GetString())
            {
                case "vector":
                    if (result.ValueKind != JsonValueKind.Array) throw Fail("invalid response: vector result is not an array");
                    var samples = new List<VectorSample>(result.GetArrayLength());
                    foreach (var item in result.EnumerateArray())
                    {
                        if (item.TryGetProperty("histogram", out _)) throw Fail("native histogram results are not supported by rules");
                        if (!item.TryGetProperty("metric", out var metric) || metric.ValueKind != JsonValueKind.Object
                            || !item.TryGetProperty("value", out var value))
                        {
                            throw Fail("invalid response: vector sample without metric and value");
                        }
                        var labels = new List<Label>();
                        foreach (var l in metric.EnumerateObject()) labels.Add(new Label(l.Name, l.Value.GetString() ?? ""));
                        samples.Add(new VectorSample(Labels.FromPairs(labels), tMs, ParseValue(value)));
                    }
                    return samples;
                case "scalar":
                    return [new VectorSample(Labels.Empty, tMs, ParseValue(result))];
                default:
                    throw new RuleEvaluationException("rule result is not a vector or scalar");
            }
        }
    }

    /// <summary>A <c>[timestamp, "value"]</c> pair; the value is Go's float text (<c>NaN</c>, <c>+Inf</c>, <c>-Inf</c> included).</summary>
    private double ParseValue(JsonElement pair)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[1].ValueKind != JsonValueKind.String)
        {
            throw Fail($"invalid response: sample value {Truncate(pair.GetRawText())} is not [time, \"value\"]");
        }
        string s = pair[1].GetString()!;
        switch (s)
        {
            case "NaN": return double.NaN;
            case "+Inf": return double.PositiveInfinity;
            case "-Inf": return double.NegativeInfinity;
        }
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return v;
        throw Fail($"invalid response: sample value \"{Truncate(s)}\" is not a number");
    }

    private void Authorize(HttpRequestMessage request)
    {
        try
        {
            if (_options.BearerTokenFile is { } tokenFile)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(tokenFile).Trim());
            }
            else if (_options.Username is { } user)
            {
                string password = _options.PasswordFile is { } pf ? File.ReadAllText(pf).TrimEnd('\r', '\n') : "";
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail($"cannot read credentials: {e.Message}");
        }
    }

    /// <summary>Unix seconds with millisecond precision, the form Prometheus's API parses exactly.</summary>
    internal static string FormatTime(long tMs) => (tMs / 1000m).ToString("0.000", CultureInfo.InvariantCulture);

    private RuleEvaluationException Fail(string reason) => new($"remote query to {_display}: {reason}");

    private static string Truncate(string s) => s.Length <= MaxErrorBodyChars ? s.Trim() : s[..MaxErrorBodyChars] + "…";

    public void Dispose() => _http.Dispose();
}
