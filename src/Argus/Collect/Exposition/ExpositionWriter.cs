using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Argus.Model;

namespace Argus.Collect.Exposition;

/// <summary>
/// Renders metric families in the Prometheus text format 0.0.4 (<see cref="ExpositionContentTypes.PrometheusText"/>) for the
/// /metrics endpoints of the server and of <c>argus agent</c>, laid out as client_golang does: one HELP (if any) and one TYPE
/// line per family, then its samples; <c>name{a="1",b="2"} value [timestamp]</c>; label values escape <c>\ " newline</c>,
/// HELP escapes <c>\ newline</c>; floats in Go's shortest form with <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>.
/// <para>Parsing the output yields the same series and bit-identical values, except that every NaN (the stale marker
/// included) reads back as Prometheus's normal NaN, and that negative timestamps are not readable by Prometheus.</para>
/// </summary>
public static class ExpositionWriter
{
    /// <summary>Writes every family with at least one point into <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">A metric or label name that the text format cannot carry.</exception>
    public static void Write(IBufferWriter<byte> output, IEnumerable<MetricFamily> families)
    {
        foreach (var family in families)
        {
            WriteFamily(output, family);
        }
    }

    /// <summary>Writes to a stream (an HTTP response body), flushing after each family so memory stays bounded.</summary>
    public static async Task WriteAsync(Stream stream, IEnumerable<MetricFamily> families, CancellationToken cancellationToken)
    {
        var pipe = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        try
        {
            foreach (var family in families)
            {
                WriteFamily(pipe, family);
                await pipe.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            await pipe.CompleteAsync();
        }
    }

    public static void WriteFamily(IBufferWriter<byte> w, MetricFamily family)
    {
        if (family.Points.Count == 0) return;
        if (!IsValidMetricName(family.Name))
        {
            throw new ArgumentException($"metric family \"{family.Name}\": invalid metric name", nameof(family));
        }
        if (family.Help.Length > 0)
        {
            Write(w, "# HELP "u8);
            WriteString(w, family.Name);
            Write(w, " "u8);
            WriteEscaped(w, family.Help, escapeQuote: false);
            Write(w, "\n"u8);
        }
        Write(w, "# TYPE "u8);
        WriteString(w, family.Name);
        Write(w, family.Type switch
        {
            MetricType.Counter => " counter\n"u8,
            MetricType.Gauge => " gauge\n"u8,
            MetricType.Histogram => " histogram\n"u8,
            MetricType.Summary => " summary\n"u8,
            _ => " untyped\n"u8,   // text 0.0.4 has no gaugehistogram, info, stateset or unknown
        });
        foreach (var point in family.Points)
        {
            WritePoint(w, family.Name, point);
        }
    }

    private static void WritePoint(IBufferWriter<byte> w, string familyName, in MetricPoint point)
    {
        string name = point.Labels.Get(Labels.MetricName);
        if (name.Length == 0) name = familyName;
        else if (!IsValidMetricName(name))
        {
            throw new ArgumentException($"metric family \"{familyName}\": invalid metric name \"{name}\"", nameof(point));
        }
        WriteString(w, name);
        bool open = false;
        foreach (var label in point.Labels)
        {
            if (label.Name == Labels.MetricName) continue;
            if (!IsValidLabelName(label.Name))
            {
                throw new ArgumentException($"metric family \"{familyName}\": invalid label name \"{label.Name}\"", nameof(point));
            }
            Write(w, open ? ","u8 : "{"u8);
            open = true;
            WriteString(w, label.Name);
            Write(w, "=\""u8);
            WriteEscaped(w, label.Value, escapeQuote: true);
            Write(w, "\""u8);
        }
        if (open) Write(w, "}"u8);

        Span<byte> span = w.GetSpan(GoFloat.MaxFormattedLength + 24);
        span[0] = (byte)' ';
        int n = 1 + GoFloat.Format(point.Value, span[1..]);
        if (point.TimestampMs is long ts)
        {
            span[n++] = (byte)' ';
            ts.TryFormat(span[n..], out int tn, default, CultureInfo.InvariantCulture);
            n += tn;
        }
        span[n++] = (byte)'\n';
        w.Advance(n);
    }

    private static void Write(IBufferWriter<byte> w, ReadOnlySpan<byte> bytes) => w.Write(bytes);

    private static void WriteString(IBufferWriter<byte> w, string s) => Encoding.UTF8.GetBytes(s.AsSpan(), w);

    private static void WriteEscaped(IBufferWriter<byte> w, string s, bool escapeQuote)
    {
        ReadOnlySpan<char> rest = s;
        while (true)
        {
            int i = escapeQuote ? rest.IndexOfAny('\\', '"', '\n') : rest.IndexOfAny('\\', '\n');
            if (i < 0)
            {
                Encoding.UTF8.GetBytes(rest, w);
                return;
            }
            Encoding.UTF8.GetBytes(rest[..i], w);
            Write(w, rest[i] switch
            {
                '\\' => "\\\\"u8,
                '"' => "\\\""u8,
                _ => "\\n"u8,
            });
            rest = rest[(i + 1)..];
        }
    }

    internal static bool IsValidMetricName(string name)
    {
        if (name.Length == 0) return false;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':' || (i > 0 && c is >= '0' and <= '9');
            if (!ok) return false;
        }
        return true;
    }

    internal static bool IsValidLabelName(string name)
    {
        if (name.Length == 0) return false;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (i > 0 && c is >= '0' and <= '9');
            if (!ok) return false;
        }
        return true;
    }
}
