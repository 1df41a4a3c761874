using System.Buffers;
using System.Text;
using Argus.Model;

namespace Argus.Collect.Exposition;

/// <summary>Turning the current entry's bytes into strings: the cold path, taken when the scrape cache misses.</summary>
public ref partial struct ExpositionParser
{
    /// <summary>
    /// The label set of the current series, <c>__name__</c> included, sorted; empty values are dropped as Prometheus does.
    /// Allocates. Throws <see cref="ExpositionException"/> for what Prometheus rejects when it first sees a series:
    /// a repeated label name or a <c>__name__</c> label in braces ("label name "x" is not unique: invalid sample").
    /// </summary>
    public readonly Labels BuildLabels()
    {
        var list = new List<Label>(8) { new(Labels.MetricName, Encoding.UTF8.GetString(MetricName)) };
        AddLabels(_body[_nameEnd.._seriesEnd], list);
        return ToLabels(list);
    }

    /// <summary>The exemplar's labels (empty set for <c>{}</c>); only valid when <see cref="HasExemplar"/>. Allocates.</summary>
    public readonly Labels BuildExemplarLabels()
    {
        if (!_hasExemplar) return Labels.Empty;
        var list = new List<Label>(2);
        AddLabels(ExemplarBytes, list);
        return ToLabels(list);
    }

    private readonly Labels ToLabels(List<Label> list)
    {
        list.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        int kept = 0;
        for (int k = 0; k < list.Count; k++)
        {
            if (k > 0 && list[k].Name == list[k - 1].Name)
            {
                ThrowAt(_nameStart, ExpositionErrors.LabelNotUnique(list[k].Name), _nameStart, _seriesEnd);
            }
            if (list[k].Value.Length != 0) list[kept++] = list[k];
        }
        list.RemoveRange(kept, list.Count - kept);
        return Labels.FromSortedUnsafe([.. list]);
    }

    /// <summary>
    /// Collects name/value pairs from a label block that <see cref="Next"/> has already validated, so only the shape
    /// "blanks, name, blanks, '=', blanks, quoted value, blanks, optional comma" needs following here.
    /// </summary>
    private static void AddLabels(ReadOnlySpan<byte> block, List<Label> into)
    {
        int i = block.IndexOf((byte)'{');
        if (i < 0) return;
        i++;
        while (true)
        {
            while (block[i] is (byte)' ' or (byte)'\t' or (byte)',') i++;
            if (block[i] == '}') return;
            int nameStart = i;
            int rel = block[i..].IndexOfAnyExcept(s_labelNameChars);
            i += rel;
            string name = Encoding.UTF8.GetString(block[nameStart..i]);
            i = block[i..].IndexOf((byte)'"') + i + 1;
            int valueStart = i;
            while (block[i] != '"') i += block[i] == '\\' ? 2 : 1;
            into.Add(new Label(name, Unescape(block[valueStart..i], quoteEscapes: true)));
            i++;
        }
    }

    /// <summary>
    /// Decodes <c>\\</c>, <c>\n</c> and (with <paramref name="quoteEscapes"/>) <c>\"</c>; any other backslash pair is kept as
    /// written, as the replacers in Prometheus's textparse do (<c>{x="\t"}</c> stores backslash, t).
    /// </summary>
    internal static string Unescape(ReadOnlySpan<byte> s, bool quoteEscapes)
    {
        int backslash = s.IndexOf((byte)'\\');
        if (backslash < 0) return Encoding.UTF8.GetString(s);
        byte[] rented = ArrayPool<byte>.Shared.Rent(s.Length);
        try
        {
            s[..backslash].CopyTo(rented);
            int o = backslash;
            for (int i = backslash; i < s.Length; i++)
            {
                byte c = s[i];
                if (c == '\\' && i + 1 < s.Length)
                {
                    byte e = s[i + 1];
                    if (e == '\\' || e == 'n' || (e == '"' && quoteEscapes))
                    {
                        rented[o++] = e == 'n' ? (byte)'\n' : e;
                        i++;
                        continue;
                    }
                }
                rented[o++] = c;
            }
            return Encoding.UTF8.GetString(rented, 0, o);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Parses a whole body into series, for tests, tools and callers without a cache. Throws on the first error, so a
    /// rejected body yields no series at all.
    /// </summary>
    public static List<ParsedSeries> ParseAll(ReadOnlySpan<byte> body, ExpositionFormat format)
    {
        var result = new List<ParsedSeries>();
        var parser = new ExpositionParser(body, format);
        ExpositionEntry entry;
        while ((entry = parser.Next()) != ExpositionEntry.Eof)
        {
            if (entry != ExpositionEntry.Series) continue;
            ParsedExemplar? exemplar = parser.HasExemplar
                ? new ParsedExemplar(parser.BuildExemplarLabels(), parser.ExemplarValue, parser.ExemplarTimestampMs)
                : null;
            result.Add(new ParsedSeries(parser.BuildLabels(), parser.Value, parser.TimestampMs, parser.SeriesType,
                parser.IsCreated, parser.LineNumber, exemplar));
        }
        return result;
    }
}
