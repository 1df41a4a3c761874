using System.Buffers;
using System.Runtime.CompilerServices;
using Argus.Model;

namespace Argus.Collect.Exposition;

/// <summary>The Prometheus text format 0.0.4, following textparse's promlex.l state by state.</summary>
public ref partial struct ExpositionParser
{
    // The lexer's value token is [^{ \t\n]+ : it ends at a brace, a blank or the end of the line.
    private static readonly SearchValues<byte> s_textValueEnd = SearchValues.Create("{ \t\n"u8);

    private ExpositionEntry NextText()
    {
        while (true)
        {
            int lineStart = _pos;
            _entryStart = lineStart;
            int i = SkipBlanks(lineStart);
            if (i >= _body.Length)
            {
                // A missing final newline is accepted: textparse appends one before lexing.
                return Finish();
            }
            byte c = _body[i];
            if (c == '\n')
            {
                _pos = i + 1;   // blank (or blanks-only) lines are allowed
                continue;
            }
            if (c == '#') return TextComment(i);
            if (IsMetricNameStart(c)) return TextSeries(lineStart, i);
            if (c == 0) return Finish();   // the lexer reads NUL at the start of a token as the end of input
            ThrowExpected(ExpositionErrors.ExpectedValidStart, i, "INVALID");
        }
    }

    private ExpositionEntry Finish()
    {
        _done = true;
        _pos = _body.Length;
        return ExpositionEntry.Eof;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int SkipBlanks(int i)
    {
        while ((uint)i < (uint)_body.Length && _body[i] is (byte)' ' or (byte)'\t')
        {
            i++;
        }
        return i;
    }

    private readonly int LineEnd(int from)
    {
        int rel = _body[from..].IndexOf((byte)'\n');
        return rel < 0 ? _body.Length : from + rel;
    }

    private ExpositionEntry TextComment(int hash)
    {
        int afterHash = hash + 1;
        int i = SkipBlanks(afterHash);
        if (i > afterHash)
        {
            // "#[ \t]+" followed by HELP or TYPE and a blank is metadata; anything else ("#HELP", "# EOF") is a comment.
            ReadOnlySpan<byte> rest = _body[i..];
            if (rest.Length > 4 && rest[4] is (byte)' ' or (byte)'\t')
            {
                if (rest.StartsWith("HELP"u8)) return TextMetadata(i + 4, ExpositionEntry.Help);
                if (rest.StartsWith("TYPE"u8)) return TextMetadata(i + 4, ExpositionEntry.Type);
            }
        }
        int end = LineEnd(hash);
        if (_body[hash..end].Contains((byte)0)) return Finish();
        _textStart = hash;
        _textEnd = end;
        _pos = Math.Min(end + 1, _body.Length);
        return ExpositionEntry.Comment;
    }

    private ExpositionEntry TextMetadata(int keywordEnd, ExpositionEntry kind)
    {
        string keyword = kind == ExpositionEntry.Help ? "HELP" : "TYPE";
        int i = SkipBlanks(keywordEnd);
        if (i >= _body.Length || !IsMetricNameStart(_body[i]))
        {
            ThrowExpected(ExpositionErrors.ExpectedMetricNameAfter(keyword), i, "INVALID");
        }
        int nameEnd = ScanName(i, s_metricNameChars);
        int lineEnd = LineEnd(nameEnd);
        _nameStart = i;
        _nameEnd = nameEnd;
        // The text token is the rest of the line; textparse drops its first byte (the separating blank) whatever it is.
        _textStart = lineEnd - nameEnd > 1 ? nameEnd + 1 : lineEnd;
        _textEnd = lineEnd;
        _pos = Math.Min(lineEnd + 1, _body.Length);
        if (kind == ExpositionEntry.Type)
        {
            _metaType = Text switch
            {
                var t when t.SequenceEqual("counter"u8) => MetricType.Counter,
                var t when t.SequenceEqual("gauge"u8) => MetricType.Gauge,
                var t when t.SequenceEqual("histogram"u8) => MetricType.Histogram,
                var t when t.SequenceEqual("summary"u8) => MetricType.Summary,
                var t when t.SequenceEqual("untyped"u8) => MetricType.Unknown,
                _ => ThrowInvalidType(),
            };
            _familyStart = i;
            _familyEnd = nameEnd;
            _familyType = _metaType;
        }
        else if (!System.Text.Unicode.Utf8.IsValid(Text))
        {
            ThrowAt(_textStart, ExpositionErrors.HelpNotUtf8, _entryStart, _textEnd);
        }
        return kind;
    }

    private readonly MetricType ThrowInvalidType()
    {
        ThrowAt(_textStart, ExpositionErrors.InvalidMetricType(Text), _entryStart, _textEnd);
        return default;
    }

    private ExpositionEntry TextSeries(int lineStart, int nameStart)
    {
        int i = ScanName(nameStart, s_metricNameChars);
        _nameStart = nameStart;
        _nameEnd = i;
        _seriesEnd = i;
        i = SkipBlanks(i);
        if (i < _body.Length && _body[i] == '{')
        {
            i = TextLabels(i + 1);
            _seriesEnd = i;
            i = SkipBlanks(i);
        }
        return TextSample(lineStart, nameStart, i);
    }

    /// <summary>The rest of a series line from its value token at <paramref name="i"/>: value, optional timestamp, newline.</summary>
    private ExpositionEntry TextSample(int lineStart, int nameStart, int i)
    {
        int rel = _body[i..].IndexOfAny(s_textValueEnd);
        int valueEnd = rel < 0 ? _body.Length : i + rel;
        if (valueEnd == i)
        {
            ThrowExpected(ExpositionErrors.ExpectedValueAfterMetric, i, i < _body.Length && _body[i] == '{' ? "BOPEN" : "INVALID");
        }
        ParseValue(i, valueEnd, out _value);

        i = SkipBlanks(valueEnd);
        if (i < _body.Length && _body[i] != '\n')
        {
            if ((uint)(_body[i] - '0') > 9) ThrowExpected(ExpositionErrors.ExpectedTimestampOrNewRecord, i, "INVALID");
            i = TextTimestamp(i);
            i = SkipBlanks(i);
            if (i < _body.Length && _body[i] != '\n')
            {
                ThrowExpected(ExpositionErrors.ExpectedNextEntryAfterTimestamp, i, "INVALID");
            }
        }
        _pos = Math.Min(i + 1, _body.Length);

        if (nameStart != lineStart)
        {
            // textparse keeps the leading blanks in the metric name, which the scrape then rejects as invalid.
            ThrowAt(nameStart, ExpositionErrors.InvalidMetricName(_body[lineStart.._nameEnd]), lineStart, _nameEnd);
        }
        return ExpositionEntry.Series;
    }

    // Timestamps are [0-9]+ milliseconds: no sign, no fraction, int64 range (strconv.ParseInt).
    private int TextTimestamp(int start)
    {
        int rel = _body[start..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        int end = rel < 0 ? _body.Length : start + rel;
        long ts = 0;
        for (int k = start; k < end; k++)
        {
            int d = _body[k] - '0';
            if (ts > (long.MaxValue - d) / 10)
            {
                ThrowAt(start, ExpositionErrors.IntRange(_body[start..end]), _entryStart, end);
            }
            ts = ts * 10 + d;
        }
        _timestampMs = ts;
        _hasTimestamp = true;
        return end;
    }

    /// <summary>Parses a label block after its '{'; returns the position after the '}'.</summary>
    private readonly int TextLabels(int i)
    {
        int blockStart = i;
        while (true)
        {
            i = SkipBlanks(i);
            if (i >= _body.Length) ThrowExpected(ExpositionErrors.ExpectedLabelName, i, "INVALID");
            byte c = _body[i];
            if (c == '}') break;
            if (!IsLabelNameStart(c)) ThrowExpected(ExpositionErrors.ExpectedLabelName, i, LabelToken(c));
            i = SkipBlanks(ScanName(i, s_labelNameChars));
            if (i >= _body.Length || _body[i] != '=')
            {
                ThrowExpected(ExpositionErrors.ExpectedEqual, i, i < _body.Length ? LabelToken(_body[i]) : "INVALID");
            }
            i = SkipBlanks(i + 1);
            int end = i < _body.Length && _body[i] == '"' ? ScanQuoted(i, allowNewline: true) : -1;
            if (end < 0) ThrowExpected(ExpositionErrors.ExpectedLabelValue, i, "INVALID");
            // A comma after a value is optional, so a trailing comma is allowed (textparse's "free trailing commas").
            i = SkipBlanks(end);
            if (i < _body.Length && _body[i] == ',') i++;
        }
        ValidateUtf8(blockStart, i);
        return i + 1;
    }

    /// <summary>The lexer token a byte starts inside a label block, for error messages.</summary>
    private static string LabelToken(byte c) => c switch
    {
        (byte)'}' => "BCLOSE",
        (byte)',' => "COMMA",
        (byte)'=' => "EQUAL",
        _ when IsLabelNameStart(c) => "LNAME",
        _ => "INVALID",
    };
}
