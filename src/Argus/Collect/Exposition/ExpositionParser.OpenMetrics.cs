using Argus.Model;

namespace Argus.Collect.Exposition;

/// <summary>
/// OpenMetrics 1.0 text, following textparse's openmetricslex.l as of Prometheus 2.42: exactly one space between tokens,
/// no blank lines or free comments, timestamps in (float) seconds, exemplars, and a mandatory final <c># EOF</c>.
/// </summary>
public ref partial struct ExpositionParser
{
    private ExpositionEntry NextOpenMetrics()
    {
        int i = _pos;
        _entryStart = i;
        if (i >= _body.Length) ThrowAt(i, ExpositionErrors.DataDoesNotEndWithEof, i, i);
        byte c = _body[i];
        if (IsMetricNameStart(c)) return OpenMetricsSeries(i);
        if (c == '#' && i + 1 < _body.Length && _body[i + 1] == ' ')
        {
            ReadOnlySpan<byte> rest = _body[(i + 2)..];
            if (rest.StartsWith("HELP "u8)) return OpenMetricsMetadata(i + 7, ExpositionEntry.Help, "HELP");
            if (rest.StartsWith("TYPE "u8)) return OpenMetricsMetadata(i + 7, ExpositionEntry.Type, "TYPE");
            if (rest.StartsWith("UNIT "u8)) return OpenMetricsMetadata(i + 7, ExpositionEntry.Unit, "UNIT");
            if (rest.StartsWith("EOF"u8))
            {
                int end = i + 5;
                if (end < _body.Length && _body[end] == '\n') end++;
                if (end != _body.Length) ThrowAt(end, ExpositionErrors.UnexpectedDataAfterEof, end, end);
                return Finish();
            }
        }
        ThrowExpected(ExpositionErrors.ExpectedValidStart, i, "INVALID");
        return default;
    }

    private ExpositionEntry OpenMetricsMetadata(int nameStart, ExpositionEntry kind, string keyword)
    {
        if (nameStart >= _body.Length || !IsMetricNameStart(_body[nameStart]))
        {
            ThrowExpected(ExpositionErrors.ExpectedMetricNameAfter(keyword), nameStart, nameStart >= _body.Length ? "EOF" : "INVALID");
        }
        int nameEnd = ScanName(nameStart, s_metricNameChars);
        // The text token is " " then the rest of the line, which must end in a newline.
        int lineEnd = nameEnd < _body.Length && _body[nameEnd] == ' ' ? LineEnd(nameEnd) : -1;
        if (lineEnd < 0 || lineEnd == _body.Length) ThrowAt(nameEnd, ExpositionErrors.ExpectedTextIn(keyword), _entryStart, nameEnd + 1);
        _nameStart = nameStart;
        _nameEnd = nameEnd;
        _textStart = nameEnd + 1;
        _textEnd = lineEnd;
        _pos = lineEnd + 1;

        switch (kind)
        {
            case ExpositionEntry.Type:
                ReadOnlySpan<byte> t = Text;
                if (t.SequenceEqual("counter"u8)) _metaType = MetricType.Counter;
                else if (t.SequenceEqual("gauge"u8)) _metaType = MetricType.Gauge;
                else if (t.SequenceEqual("histogram"u8)) _metaType = MetricType.Histogram;
                else if (t.SequenceEqual("gaugehistogram"u8)) _metaType = MetricType.GaugeHistogram;
                else if (t.SequenceEqual("summary"u8)) _metaType = MetricType.Summary;
                else if (t.SequenceEqual("info"u8)) _metaType = MetricType.Info;
                else if (t.SequenceEqual("stateset"u8)) _metaType = MetricType.StateSet;
                else if (t.SequenceEqual("unknown"u8)) _metaType = MetricType.Unknown;
                else ThrowInvalidType();
                _familyStart = nameStart;
                _familyEnd = nameEnd;
                _familyType = _metaType;
                break;
            case ExpositionEntry.Help:
                if (!System.Text.Unicode.Utf8.IsValid(Text)) ThrowAt(_textStart, ExpositionErrors.HelpNotUtf8, _entryStart, _textEnd);
                break;
            case ExpositionEntry.Unit:
                // A non-empty unit must be the name's last "_"-separated suffix: foo_seconds has unit seconds.
                ReadOnlySpan<byte> name = MetadataName, unit = Text;
                if (!unit.IsEmpty && !(name.Length > unit.Length && name.EndsWith(unit) && name[^(unit.Length + 1)] == '_'))
                {
                    ThrowAt(_textStart, ExpositionErrors.UnitNotSuffix(name), _entryStart, _textEnd);
                }
                break;
        }
        return kind;
    }

    private ExpositionEntry OpenMetricsSeries(int nameStart)
    {
        int i = ScanName(nameStart, s_metricNameChars);
        _nameStart = nameStart;
        _nameEnd = i;
        _seriesEnd = i;
        if (i < _body.Length && _body[i] == '{')
        {
            i = OpenMetricsLabels(i + 1);
            _seriesEnd = i;
        }
        return OpenMetricsSample(i);
    }

    /// <summary>The rest of a series line from the space before its value: value, timestamp and exemplar, newline.</summary>
    private ExpositionEntry OpenMetricsSample(int i)
    {
        i = OpenMetricsValue(i, ExpositionErrors.ExpectedValueAfterMetric, out _value);

        if (i >= _body.Length) ThrowAt(i, ExpositionErrors.DataDoesNotEndWithEof, i, i);
        if (_body[i] != '\n')
        {
            if (IsExemplarStart(i))
            {
                i = OpenMetricsExemplar(i + 4);
            }
            else
            {
                int end = TokenAfterSpace(i);
                if (end < 0) ThrowExpected(ExpositionErrors.ExpectedTimestampOrHash, i, "INVALID");
                _timestampMs = OpenMetricsTimestamp(i + 1, end, exemplar: false);
                _hasTimestamp = true;
                i = end;
                if (i >= _body.Length) ThrowExpected(ExpositionErrors.ExpectedNextEntryAfterTimestamp, i, "EOF");
                if (IsExemplarStart(i)) i = OpenMetricsExemplar(i + 4);
                else if (_body[i] != '\n') ThrowExpected(ExpositionErrors.ExpectedNextEntryAfterTimestamp, i, "INVALID");
            }
        }
        _pos = i + 1;
        return ExpositionEntry.Series;
    }

    /// <summary>" # {" after a value or timestamp opens an exemplar.</summary>
    private readonly bool IsExemplarStart(int i) => _body[i..].StartsWith(" # {"u8);

    /// <summary>End of the token in "{S}[^ \n]+" starting at the space at <paramref name="space"/>, or -1 if there is none.</summary>
    private readonly int TokenAfterSpace(int space)
    {
        if (space + 1 >= _body.Length || _body[space] != ' ' || _body[space + 1] is (byte)' ' or (byte)'\n') return -1;
        int rel = _body[(space + 1)..].IndexOfAny((byte)' ', (byte)'\n');
        return rel < 0 ? _body.Length : space + 1 + rel;
    }

    private readonly int OpenMetricsValue(int i, string expected, out double value)
    {
        int end = TokenAfterSpace(i);
        if (end < 0)
        {
            ThrowExpected(expected, i, i >= _body.Length ? "EOF" : _body[i] == '{' ? "BOPEN" : "INVALID");
        }
        ParseValue(i + 1, end, out value);
        return end;
    }

    private readonly long OpenMetricsTimestamp(int start, int end, bool exemplar)
    {
        ParseValue(start, end, out double seconds);
        if (!double.IsFinite(seconds)) ThrowAt(start, ExpositionErrors.InvalidTimestamp(seconds, exemplar), _entryStart, end);
        // Go's int64(ts * 1000) truncates toward zero; out of range it is platform-defined, here it saturates
        // (the TSDB drops such a sample as out of bounds either way).
        return (long)(seconds * 1000);
    }

    private int OpenMetricsExemplar(int afterBrace)
    {
        ReadOnlySpan<byte> name = MetricName;
        if (!name.EndsWith("_total"u8) && !name.EndsWith("_bucket"u8))
        {
            ThrowAt(afterBrace, ExpositionErrors.NoExemplars(name), _entryStart, afterBrace);
        }
        _exemplarStart = afterBrace - 1;
        int i = OpenMetricsLabels(afterBrace);
        _exemplarEnd = i;
        i = OpenMetricsValue(i, ExpositionErrors.ExpectedValueAfterExemplarLabels, out _exemplarValue);
        _hasExemplarTimestamp = false;
        if (i >= _body.Length) ThrowAt(i, ExpositionErrors.DataDoesNotEndWithEof, i, i);
        if (_body[i] != '\n')
        {
            int end = TokenAfterSpace(i);
            if (end < 0) ThrowExpected(ExpositionErrors.ExpectedTimestampOrComment, i, "INVALID");
            _exemplarTimestampMs = OpenMetricsTimestamp(i + 1, end, exemplar: true);
            _hasExemplarTimestamp = true;
            i = end;
            if (i >= _body.Length || _body[i] != '\n')
            {
                ThrowExpected(ExpositionErrors.ExpectedNextEntryAfterExemplarTimestamp, i, i >= _body.Length ? "EOF" : "INVALID");
            }
        }
        _hasExemplar = true;
        return i;
    }

    /// <summary>Parses a label block after its '{' with OpenMetrics' strict commas; returns the position after the '}'.</summary>
    private readonly int OpenMetricsLabels(int i)
    {
        int blockStart = i;
        bool first = true;
        while (true)
        {
            if (i >= _body.Length) ThrowExpected(first ? ExpositionErrors.ExpectedLabelNameOrLeftBrace : ExpositionErrors.ExpectedCommaOrLeftBrace, i, "EOF");
            byte c = _body[i];
            if (c == '}') break;
            if (c == ',')
            {
                if (first) ThrowExpected(ExpositionErrors.ExpectedLabelNameOrLeftBrace, i, "COMMA");
                i++;
                if (i >= _body.Length || !IsLabelNameStart(_body[i]))
                {
                    ThrowExpected(ExpositionErrors.ExpectedLabelName, i, i >= _body.Length ? "EOF" : LabelToken(_body[i]));
                }
            }
            else if (IsLabelNameStart(c))
            {
                if (!first) ThrowExpected(ExpositionErrors.ExpectedComma, i, "LNAME");
            }
            else
            {
                ThrowExpected(first ? ExpositionErrors.ExpectedLabelNameOrLeftBrace : ExpositionErrors.ExpectedCommaOrLeftBrace, i, LabelToken(c));
            }
            first = false;
            i = ScanName(i, s_labelNameChars);
            if (i >= _body.Length || _body[i] != '=')
            {
                ThrowExpected(ExpositionErrors.ExpectedEqual, i, i >= _body.Length ? "EOF" : LabelToken(_body[i]));
            }
            i++;
            int end = i < _body.Length && _body[i] == '"' ? ScanQuoted(i, allowNewline: false) : -1;
            if (end < 0) ThrowExpected(ExpositionErrors.ExpectedLabelValue, i, i >= _body.Length ? "EOF" : "INVALID");
            i = end;
        }
        ValidateUtf8(blockStart, i);
        return i + 1;
    }
}
