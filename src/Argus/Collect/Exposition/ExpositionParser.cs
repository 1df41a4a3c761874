using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using Argus.Model;

namespace Argus.Collect.Exposition;

/// <summary>
/// Reads a scrape body in the Prometheus text format 0.0.4 or OpenMetrics 1.0, one entry per <see cref="Next"/>, accepting
/// and rejecting exactly what Prometheus 2.42's model/textparse does (shared/contracts/exposition-formats.md §2–3, §7).
/// Nothing is allocated per entry: a series is exposed as the raw bytes of its name and label block
/// (<see cref="SeriesBytes"/>), which the scrape cache uses as a key, as Prometheus's scrape cache does; only on a cache miss
/// does the caller pay for <see cref="BuildLabels"/>.
/// <para>Every span returned points into the body and is valid as long as the body is; the values of the current entry are
/// replaced by the next call to <see cref="Next"/>. A rejected body throws <see cref="ExpositionException"/> naming the line.</para>
/// <para>Label validity that Prometheus checks only when a series is new (duplicate label names, <c>__name__</c> in braces)
/// is checked by <see cref="BuildLabels"/>: a series whose bytes hit the cache passed that check when it was first seen.</para>
/// </summary>
public ref partial struct ExpositionParser
{
    private static readonly SearchValues<byte> s_metricNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:"u8);
    private static readonly SearchValues<byte> s_labelNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"u8);

    private readonly ReadOnlySpan<byte> _body;
    private readonly ExpositionFormat _format;
    private int _pos;
    private bool _done;

    // The current entry: where it starts (for line numbers and error text) and what it holds, as offsets into _body.
    private int _entryStart;
    private int _nameStart, _nameEnd, _seriesEnd;
    private double _value;
    private long _timestampMs;
    private bool _hasTimestamp;
    private int _exemplarStart, _exemplarEnd;
    private double _exemplarValue;
    private long _exemplarTimestampMs;
    private bool _hasExemplar, _hasExemplarTimestamp;
    private int _textStart, _textEnd;
    private MetricType _metaType;

    // The family named by the last TYPE line, which Prometheus attaches to the series that follow.
    private int _familyStart, _familyEnd;
    private MetricType _familyType;

    public ExpositionParser(ReadOnlySpan<byte> body, ExpositionFormat format)
    {
        _body = body;
        _format = format;
    }

    public readonly ExpositionFormat Format => _format;

    /// <summary>Advances to the next entry; <see cref="ExpositionEntry.Eof"/> at the end of a valid body.</summary>
    /// <exception cref="ExpositionException">The body is invalid from this entry on; Prometheus fails the whole scrape.</exception>
    public ExpositionEntry Next()
    {
        if (_done) return ExpositionEntry.Eof;
        _hasExemplar = false;
        _hasTimestamp = false;
        return _format == ExpositionFormat.OpenMetrics ? NextOpenMetrics() : NextText();
    }

    /// <summary>
    /// Fast path for a caller that knows what this body held last time (the scrape cache): true when the next line starts
    /// with a metric name and has, <paramref name="seriesLength"/> bytes on, a blank not followed by a label block, so that
    /// <see cref="SeriesBytes"/> may be a series the caller knows. Nothing is consumed. If <see cref="SeriesBytes"/> is a
    /// series text that <see cref="Next"/> returned before, in this format, the caller calls <see cref="CompleteKnownSeries"/>;
    /// otherwise it calls <see cref="Next"/>, which parses the line from its start as usual.
    /// </summary>
    /// <remarks>The label block is not scanned or validated here: bytes equal to a series text already accepted are valid.</remarks>
    public bool TryPeekSeries(int seriesLength)
    {
        int start = _pos;
        int end = start + seriesLength;
        if (_done || seriesLength <= 0 || (uint)end >= (uint)_body.Length) return false;
        if (!IsMetricNameStart(_body[start]) || _body[end] is not ((byte)' ' or (byte)'\t')) return false;
        int after = SkipBlanks(end);
        if (after < _body.Length && _body[after] == '{') return false;   // text 0.0.4 allows "name {labels}": not this series
        _entryStart = start;
        _nameStart = start;
        _seriesEnd = end;
        return true;
    }

    /// <summary>
    /// Reads the sample of the line <see cref="TryPeekSeries"/> matched, exactly as <see cref="Next"/> would have read it, and
    /// returns <see cref="ExpositionEntry.Series"/>.
    /// </summary>
    /// <exception cref="ExpositionException">The value, timestamp or exemplar is invalid.</exception>
    public ExpositionEntry CompleteKnownSeries()
    {
        _hasExemplar = false;
        _hasTimestamp = false;
        _nameEnd = ScanName(_nameStart, s_metricNameChars);
        return _format == ExpositionFormat.OpenMetrics
            ? OpenMetricsSample(_seriesEnd)
            : TextSample(_nameStart, _nameStart, SkipBlanks(_seriesEnd));
    }

    /// <summary>1-based line of the current entry's first byte (counted on demand: free until asked for).</summary>
    public readonly int LineNumber => LineAt(_entryStart);

    // ---- Series entries ----

    /// <summary>The metric name and label block exactly as written (<c>a{x="1"}</c>): a cache key for the series.</summary>
    public readonly ReadOnlySpan<byte> SeriesBytes => _body[_nameStart.._seriesEnd];

    public readonly ReadOnlySpan<byte> MetricName => _body[_nameStart.._nameEnd];

    /// <summary>The sample value; every NaN is Prometheus's normal NaN (bits 0x7ff8000000000001), never a stale marker.</summary>
    public readonly double Value => _value;

    /// <summary>The explicit timestamp in milliseconds (OpenMetrics seconds × 1000, truncated as Go's int64() does), or null.</summary>
    public readonly long? TimestampMs => _hasTimestamp ? _timestampMs : null;

    /// <summary>
    /// True for an OpenMetrics <c>&lt;family&gt;_created</c> sample of a counter, histogram or summary. Prometheus 2.42 stores it
    /// as an ordinary series (value = creation time in seconds); the flag lets a caller treat it differently.
    /// </summary>
    public readonly bool IsCreated
    {
        get
        {
            if (_format != ExpositionFormat.OpenMetrics) return false;
            if (_familyType is not (MetricType.Counter or MetricType.Histogram or MetricType.Summary)) return false;
            ReadOnlySpan<byte> name = MetricName, family = FamilyName;
            return name.Length == family.Length + 8 && name.StartsWith(family) && name.EndsWith("_created"u8);
        }
    }

    /// <summary>Name in the last TYPE line seen (empty before any); with <see cref="FamilyType"/>, the metadata Prometheus keeps.</summary>
    public readonly ReadOnlySpan<byte> FamilyName => _body[_familyStart.._familyEnd];

    public readonly MetricType FamilyType => _familyType;

    /// <summary>
    /// The type of the current series: <see cref="FamilyType"/> when its name is the family name or the family name plus a
    /// suffix of that type (<c>_total</c>, <c>_bucket</c>, <c>_sum</c>, <c>_count</c>, <c>_created</c>, <c>_gsum</c>,
    /// <c>_gcount</c>, <c>_info</c>), else <see cref="MetricType.Unknown"/>.
    /// </summary>
    public readonly MetricType SeriesType
    {
        get
        {
            ReadOnlySpan<byte> name = MetricName, family = FamilyName;
            if (family.IsEmpty || !name.StartsWith(family)) return MetricType.Unknown;
            ReadOnlySpan<byte> suffix = name[family.Length..];
            if (suffix.IsEmpty) return _familyType;
            bool ok = _familyType switch
            {
                MetricType.Counter => suffix.SequenceEqual("_total"u8) || suffix.SequenceEqual("_created"u8),
                MetricType.Histogram => suffix.SequenceEqual("_bucket"u8) || suffix.SequenceEqual("_sum"u8) ||
                                        suffix.SequenceEqual("_count"u8) || suffix.SequenceEqual("_created"u8),
                MetricType.GaugeHistogram => suffix.SequenceEqual("_bucket"u8) || suffix.SequenceEqual("_gsum"u8) ||
                                             suffix.SequenceEqual("_gcount"u8),
                MetricType.Summary => suffix.SequenceEqual("_sum"u8) || suffix.SequenceEqual("_count"u8) ||
                                      suffix.SequenceEqual("_created"u8),
                MetricType.Info => suffix.SequenceEqual("_info"u8),
                _ => false,
            };
            return ok ? _familyType : MetricType.Unknown;
        }
    }

    /// <summary>True when the current OpenMetrics sample carries an exemplar (parsed and validated, not stored by Argus).</summary>
    public readonly bool HasExemplar => _hasExemplar;

    /// <summary>The exemplar's label block as written, braces included (<c>{trace_id="abc"}</c>).</summary>
    public readonly ReadOnlySpan<byte> ExemplarBytes => _hasExemplar ? _body[_exemplarStart.._exemplarEnd] : default;

    public readonly double ExemplarValue => _exemplarValue;

    public readonly long? ExemplarTimestampMs => _hasExemplar && _hasExemplarTimestamp ? _exemplarTimestampMs : null;

    // ---- Metadata and comment entries ----

    /// <summary>The metric name of a HELP, TYPE or UNIT entry.</summary>
    public readonly ReadOnlySpan<byte> MetadataName => _body[_nameStart.._nameEnd];

    /// <summary>The type of a TYPE entry (text <c>untyped</c> and OpenMetrics <c>unknown</c> are <see cref="MetricType.Unknown"/>).</summary>
    public readonly MetricType Type => _metaType;

    /// <summary>HELP text as written (escapes not decoded), UNIT value, or a comment line's bytes from its <c>#</c>.</summary>
    public readonly ReadOnlySpan<byte> Text => _body[_textStart.._textEnd];

    /// <summary>
    /// The decoded HELP text: text 0.0.4 decodes <c>\\</c> and <c>\n</c>, OpenMetrics also <c>\"</c>; any other backslash is
    /// kept with the byte after it, as Prometheus's replacers do. Allocates.
    /// </summary>
    public readonly string Help() => Unescape(Text, quoteEscapes: _format == ExpositionFormat.OpenMetrics);

    // ---- Shared scanning ----

    private static bool IsMetricNameStart(byte c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_' || c == ':';

    private static bool IsLabelNameStart(byte c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int ScanName(int start, SearchValues<byte> chars)
    {
        int rel = _body[start..].IndexOfAnyExcept(chars);
        return rel < 0 ? _body.Length : start + rel;
    }

    /// <summary>Position after the closing quote of the string opening at <paramref name="quote"/>, or -1 if unterminated.</summary>
    private readonly int ScanQuoted(int quote, bool allowNewline)
    {
        int i = quote + 1;
        while (true)
        {
            int rel = allowNewline ? _body[i..].IndexOfAny((byte)'"', (byte)'\\') : _body[i..].IndexOfAny((byte)'"', (byte)'\\', (byte)'\n');
            if (rel < 0) return -1;
            i += rel;
            byte c = _body[i];
            if (c == '"') return i + 1;
            if (c == '\n') return -1;
            // A backslash escapes any one byte, a newline included in text 0.0.4 ("\\." in the lexer).
            if (i + 1 >= _body.Length || (!allowNewline && _body[i + 1] == '\n')) return -1;
            i += 2;
        }
    }

    private readonly void ParseValue(int start, int end, out double value)
    {
        ReadOnlySpan<byte> s = _body[start..end];
        var error = GoFloat.TryParse(s, out value);
        if (error != FloatParseError.None) ThrowAt(start, ExpositionErrors.Float(error, s), quoteFrom: _entryStart, quoteTo: end);
    }

    private readonly void ValidateUtf8(int start, int end)
    {
        if (!Utf8.IsValid(_body[start..end])) ThrowAt(start, ExpositionErrors.InvalidUtf8LabelValue, _entryStart, end);
    }

    private readonly int LineAt(int pos) => _body[..Math.Min(pos, _body.Length)].Count((byte)'\n') + 1;

    /// <summary>textparse's parseError: "expected X, got "TOKEN"" with the entry up to and including the byte at fault.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowExpected(string expected, int at, string token) =>
        ThrowAt(at, ExpositionErrors.Expected(expected, token), _entryStart, at + 1);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowAt(int at, string reason, int quoteFrom, int quoteTo)
    {
        quoteTo = Math.Min(quoteTo, _body.Length);
        string text = quoteTo > quoteFrom ? ExpositionErrors.Quote(_body[quoteFrom..quoteTo]) : "";
        throw new ExpositionException(LineAt(at), reason, text);
    }
}
