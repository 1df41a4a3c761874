using System.Text;
using Argus.Collect.Exposition;
using Argus.Config;
using Argus.Model;
using Argus.Query.Parser;
using Argus.Remote.Protocol;
using Argus.Remote.Read;
using Argus.Template;

namespace Argus.Tests.Faults.Fuzzing;

/// <summary>
/// The fuzz targets, one per parser that reads input Argus does not control. Each takes arbitrary bytes and returns normally
/// when the parser accepts them or rejects them with its documented exception; any other exception, a hang or a crash is a
/// defect. Shared by the SharpFuzz harness (fuzz/Argus.Fuzz links this file) and the CI-bounded replay in
/// <c>FuzzReplayTests</c>, so both exercise exactly the same code. Corpora: fuzz/corpus/&lt;target&gt;/.
/// </summary>
public static class FuzzTargets
{
    /// <summary>Target names, as the harness's first argument and the corpus folder names.</summary>
    public static readonly string[] Names = ["exposition", "promql", "template", "config", "remote-write", "remote-read"];

    /// <summary>Runs one input through the named target.</summary>
    /// <exception cref="ArgumentException">Unknown target.</exception>
    public static void Run(string target, ReadOnlySpan<byte> data)
    {
        switch (target)
        {
            case "exposition":
                Exposition(data, ExpositionFormat.PrometheusText);
                Exposition(data, ExpositionFormat.OpenMetrics);
                break;
            case "promql":
                PromQL(data);
                break;
            case "template":
                Template(data);
                break;
            case "config":
                Config(data);
                break;
            case "remote-write":
                RemoteWrite(data);
                break;
            case "remote-read":
                RemoteRead(data);
                break;
            default:
                throw new ArgumentException($"unknown fuzz target \"{target}\" (known: {string.Join(", ", Names)})", nameof(target));
        }
    }

    /// <summary>A scrape body: every entry is walked and every series' labels built, as the scrape loop does.</summary>
    private static void Exposition(ReadOnlySpan<byte> data, ExpositionFormat format)
    {
        var parser = new ExpositionParser(data, format);
        int entries = 0;
        try
        {
            while (true)
            {
                var entry = parser.Next();
                if (entry == ExpositionEntry.Eof) return;
                // Every entry consumes at least one byte: more entries than bytes means the parser stopped advancing.
                if (++entries > data.Length + 1) throw new InvalidOperationException($"exposition parser ({format}) does not advance at line {parser.LineNumber}");
                switch (entry)
                {
                    case ExpositionEntry.Series:
                        _ = parser.BuildLabels();
                        _ = parser.Value;
                        _ = parser.TimestampMs;
                        _ = parser.SeriesType;
                        if (parser.HasExemplar) _ = parser.BuildExemplarLabels();
                        break;
                    case ExpositionEntry.Help:
                        _ = parser.Help();
                        break;
                    case ExpositionEntry.Type:
                        _ = parser.Type;
                        break;
                }
            }
        }
        catch (ExpositionException)
        {
            // Rejected: Prometheus fails the scrape with the parser's error, and so does Argus.
        }
    }

    /// <summary>A query from the HTTP API: parsed and type-checked; an accepted query must print to text that parses again.</summary>
    private static void PromQL(ReadOnlySpan<byte> data)
    {
        string text = Encoding.UTF8.GetString(data);
        Expr expr;
        try
        {
            expr = PromQLParser.ParseExpr(text);
        }
        catch (PromQLParseException)
        {
            return;
        }
        string printed = Printer.Format(expr);
        try
        {
            PromQLParser.ParseExpr(printed);
        }
        catch (PromQLParseException e)
        {
            throw new InvalidOperationException($"PromQL {text} parses, but its printed form {printed} does not: {e.Message}", e);
        }
    }

    /// <summary>An alert annotation or notification template, parsed with the functions Prometheus offers to rule templates.</summary>
    private static void Template(ReadOnlySpan<byte> data)
    {
        string text = Encoding.UTF8.GetString(data);
        try
        {
            GoTemplate.Parse("fuzz", text, PrometheusTemplateFunctions.Create("http://localhost:9090", DateTimeOffset.UnixEpoch, null));
        }
        catch (TemplateException)
        {
        }
    }

    /// <summary>A prometheus.yml: the loader reports every problem as a <see cref="ConfigError"/> and never throws.</summary>
    private static void Config(ReadOnlySpan<byte> data)
    {
        string text = Encoding.UTF8.GetString(data);
        var result = ConfigLoader.LoadString(text, "/fuzz/prometheus.yml");
        _ = result.ErrorText;
    }

    /// <summary>
    /// Largest decompressed body the remote targets accept: 1 MiB instead of the receivers' 64 MiB / 32 MiB, so that an
    /// input declaring a huge length costs the fuzzer little; the limit check itself is the same code either way.
    /// </summary>
    private const int RemoteMaxBytes = 1 << 20;

    private static readonly RemoteReadHandler s_readHandler = new(
        () => throw new InvalidOperationException("the remote-read fuzz target only decodes"), () => Labels.Empty,
        new RemoteReadOptions { MaxRequestBytes = RemoteMaxBytes });

    /// <summary>
    /// A POST /api/v1/write body, decoded as sent (snappy block format) and as bare protobuf, both rejected only with
    /// <see cref="InvalidDataException"/>. An accepted request must survive a round trip through the remote-write
    /// encoder: what Argus decodes it can send on unchanged.
    /// </summary>
    private static void RemoteWrite(ReadOnlySpan<byte> data)
    {
        try
        {
            CheckRoundTrip(WriteRequestDecoder.DecodeSnappy(data, RemoteMaxBytes));
        }
        catch (InvalidDataException)
        {
        }
        try
        {
            CheckRoundTrip(WriteRequestDecoder.Decode(data));
        }
        catch (InvalidDataException)
        {
        }
    }

    private static void CheckRoundTrip(WriteRequest request)
    {
        foreach (var ts in request.Timeseries) _ = Labels.FromPairs(ts.Labels);
        var encoded = new WriteRequestEncoder().Encode(request);
        WriteRequest again;
        try
        {
            again = WriteRequestDecoder.DecodeSnappy(encoded.Span, int.MaxValue);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidOperationException($"a decoded WriteRequest re-encodes to bytes that do not decode: {e.Message}", e);
        }
        string? diff = Diff(request, again);
        if (diff is not null) throw new InvalidOperationException($"a decoded WriteRequest changes in a round trip through the encoder: {diff}");
    }

    private static string? Diff(WriteRequest a, WriteRequest b)
    {
        if (a.Timeseries.Count != b.Timeseries.Count) return $"{a.Timeseries.Count} series became {b.Timeseries.Count}";
        for (int i = 0; i < a.Timeseries.Count; i++)
        {
            TimeSeries x = a.Timeseries[i], y = b.Timeseries[i];
            if (!x.Labels.SequenceEqual(y.Labels)) return $"series {i}: labels differ";
            if (!x.Samples.Select(Bits).SequenceEqual(y.Samples.Select(Bits))) return $"series {i}: samples differ";
            if (!x.Exemplars.Select(e => (e.Labels, BitConverter.DoubleToUInt64Bits(e.Value), e.TimestampMs))
                    .SequenceEqual(y.Exemplars.Select(e => (e.Labels, BitConverter.DoubleToUInt64Bits(e.Value), e.TimestampMs))))
            {
                return $"series {i}: exemplars differ";
            }
        }
        return a.Metadata.SequenceEqual(b.Metadata) ? null : "metadata differs";

        static (long, ulong) Bits(Sample s) => (s.T, BitConverter.DoubleToUInt64Bits(s.V));
    }

    /// <summary>
    /// A POST /api/v1/read body through the server's own decoding (snappy, ReadRequest, matchers and their regexes) and
    /// response-type negotiation; every rejection must be a <see cref="RemoteReadException"/>, which the API answers with 400.
    /// </summary>
    private static void RemoteRead(ReadOnlySpan<byte> data)
    {
        try
        {
            var request = s_readHandler.Decode(data);
            _ = RemoteReadHandler.NegotiateResponseType(request.AcceptedResponseTypes);
        }
        catch (RemoteReadException)
        {
        }
        try
        {
            _ = ReadRequest.Parse(data.ToArray());
        }
        catch (RemoteReadException)
        {
        }
    }
}
