using System.Globalization;
using System.Text;

namespace Argus.Collect.Exposition;

/// <summary>
/// Error texts of Prometheus's model/textparse (2.42 wording), kept in one place so tests and docs can refer to them.
/// Token names are those of textparse's lexer: INVALID, EOF, LINEBREAK, BOPEN, BCLOSE, COMMA, EQUAL, LNAME, VALUE.
/// </summary>
internal static class ExpositionErrors
{
    public const string ExpectedValidStart = "expected a valid start token";
    public const string ExpectedLabelName = "expected label name";
    public const string ExpectedLabelNameOrLeftBrace = "expected label name or left brace";
    public const string ExpectedComma = "expected comma";
    public const string ExpectedCommaOrLeftBrace = "expected comma or left brace";
    public const string ExpectedEqual = "expected equal";
    public const string ExpectedLabelValue = "expected label value";
    public const string ExpectedValueAfterMetric = "expected value after metric";
    public const string ExpectedValueAfterExemplarLabels = "expected value after exemplar labels";
    public const string ExpectedTimestampOrNewRecord = "expected timestamp or new record";
    public const string ExpectedTimestampOrHash = "expected timestamp or # symbol";
    public const string ExpectedTimestampOrComment = "expected timestamp or comment";
    public const string ExpectedNextEntryAfterTimestamp = "expected next entry after timestamp";
    public const string ExpectedNextEntryAfterExemplarTimestamp = "expected next entry after exemplar timestamp";
    public const string DataDoesNotEndWithEof = "data does not end with # EOF";
    public const string UnexpectedDataAfterEof = "unexpected data after # EOF";
    public const string InvalidUtf8LabelValue = "invalid UTF-8 label value";
    public const string HelpNotUtf8 = "help text is not a valid utf8 string";
    public const string UnsupportedCharacterInFloat = "unsupported character in float";

    // Bytes of offending text kept in an error: enough to recognise a line, bounded so a 10 MB line cannot bloat a log entry.
    private const int MaxQuotedBytes = 120;

    public static string Expected(string expected, string token) => $"{expected}, got \"{token}\"";

    public static string ExpectedMetricNameAfter(string keyword) => $"expected metric name after {keyword}";

    public static string ExpectedTextIn(string keyword) => $"expected text in {keyword}";

    public static string InvalidMetricType(ReadOnlySpan<byte> type) => $"invalid metric type {Quote(type)}";

    public static string UnitNotSuffix(ReadOnlySpan<byte> metric) => $"unit not a suffix of metric {Quote(metric)}";

    public static string NoExemplars(ReadOnlySpan<byte> metric) =>
        $"metric name {Encoding.UTF8.GetString(metric)} does not support exemplars";

    public static string LabelNotUnique(string name) => $"label name \"{name}\" is not unique: invalid sample";

    public static string InvalidMetricName(ReadOnlySpan<byte> name) =>
        $"invalid metric name or label names: {{__name__={Quote(name)}}}";

    public static string Float(FloatParseError error, ReadOnlySpan<byte> s) => error switch
    {
        FloatParseError.UnsupportedCharacter => UnsupportedCharacterInFloat,
        FloatParseError.Range => $"strconv.ParseFloat: parsing {Quote(s)}: value out of range",
        _ => $"strconv.ParseFloat: parsing {Quote(s)}: invalid syntax",
    };

    public static string IntRange(ReadOnlySpan<byte> s) => $"strconv.ParseInt: parsing {Quote(s)}: value out of range";

    public static string InvalidTimestamp(double ts, bool exemplar) =>
        $"invalid {(exemplar ? "exemplar timestamp" : "timestamp")} {GoPercentF(ts)}";

    private static string GoPercentF(double v) =>
        double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "+Inf" : double.IsNegativeInfinity(v) ? "-Inf"
        : v.ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>Go's <c>%q</c> of a byte string, truncated in the middle beyond <see cref="MaxQuotedBytes"/> bytes.</summary>
    public static string Quote(ReadOnlySpan<byte> s)
    {
        var sb = new StringBuilder(Math.Min(s.Length, MaxQuotedBytes) + 8);
        sb.Append('"');
        if (s.Length > MaxQuotedBytes)
        {
            AppendQuoted(sb, s[..40]);
            sb.Append("…");
            AppendQuoted(sb, s[^(MaxQuotedBytes - 40)..]);
        }
        else
        {
            AppendQuoted(sb, s);
        }
        return sb.Append('"').ToString();
    }

    private static void AppendQuoted(StringBuilder sb, ReadOnlySpan<byte> s)
    {
        while (!s.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(s, out Rune r, out int n);
            if (status != System.Buffers.OperationStatus.Done)
            {
                sb.Append("\\x").Append(s[0].ToString("x2", CultureInfo.InvariantCulture));
                s = s[1..];
                continue;
            }
            switch (r.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (r.Value < 0x20 || r.Value == 0x7f)
                    {
                        sb.Append("\\x").Append(r.Value.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(r.ToString());
                    }
                    break;
            }
            s = s[n..];
        }
    }
}
