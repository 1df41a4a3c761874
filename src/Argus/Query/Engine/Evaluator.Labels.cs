using System.Text;
using System.Text.RegularExpressions;
using Argus.Model;
using Argus.Query.Parser;

namespace Argus.Query.Engine;

internal sealed partial class Evaluator
{
    /// <summary>label_replace(v, dst, replacement, src, regex): label sets change once per series, not per step.</summary>
    private List<EvalSeries> LabelReplace(Call c)
    {
        string dst = EvalString(c.Args[1]);
        string replacement = EvalString(c.Args[2]);
        string src = EvalString(c.Args[3]);
        string pattern = EvalString(c.Args[4]);
        Regex regex;
        try
        {
            regex = new Regex("^(?s:" + pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        }
        catch (ArgumentException e)
        {
            throw new QueryException(QueryErrorKind.Execution, $"invalid regular expression in label_replace(): {pattern}: {e.Message}");
        }
        if (!IsValidLabelName(dst)) throw new QueryException(QueryErrorKind.Execution, $"invalid destination label name in label_replace(): {dst}");
        var mat = Eval(c.Args[0]);
        foreach (var s in mat)
        {
            var m = regex.Match(s.Metric.Get(src));
            if (!m.Success) continue;
            string value = Expand(replacement, m, regex);
            var lb = s.Metric.ToBuilder();
            if (value.Length == 0) lb.Del(dst); else lb.Set(dst, value);
            s.Metric = lb.Build();
            if (dst == Labels.MetricName) s.DropName = false;
        }
        return SeriesMerger.Merge(mat);
    }

    /// <summary>label_join(v, dst, separator, src…).</summary>
    private List<EvalSeries> LabelJoin(Call c)
    {
        string dst = EvalString(c.Args[1]);
        string sep = EvalString(c.Args[2]);
        var srcs = new string[c.Args.Count - 3];
        for (int i = 3; i < c.Args.Count; i++)
        {
            srcs[i - 3] = EvalString(c.Args[i]);
            if (!IsValidLabelName(srcs[i - 3])) throw new QueryException(QueryErrorKind.Execution, $"invalid source label name in label_join(): {srcs[i - 3]}");
        }
        if (!IsValidLabelName(dst)) throw new QueryException(QueryErrorKind.Execution, $"invalid destination label name in label_join(): {dst}");
        var mat = Eval(c.Args[0]);
        var sb = new StringBuilder();
        foreach (var s in mat)
        {
            sb.Clear();
            for (int i = 0; i < srcs.Length; i++)
            {
                if (i > 0) sb.Append(sep);
                sb.Append(s.Metric.Get(srcs[i]));
            }
            var lb = s.Metric.ToBuilder();
            if (sb.Length == 0) lb.Del(dst); else lb.Set(dst, sb.ToString());
            s.Metric = lb.Build();
            if (dst == Labels.MetricName) s.DropName = false;
        }
        return SeriesMerger.Merge(mat);
    }

    /// <summary>Go's regexp.Expand: $1, ${1}, $name, ${name}, $$; a name takes the longest run of word characters; unknown groups are empty.</summary>
    private static string Expand(string template, Match m, Regex regex)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char ch = template[i];
            if (ch != '$' || i + 1 >= template.Length)
            {
                sb.Append(ch);
                continue;
            }
            char next = template[i + 1];
            if (next == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }
            string name;
            int endAt;
            if (next == '{')
            {
                int close = template.IndexOf('}', i + 2);
                if (close < 0) { sb.Append(ch); continue; }
                name = template[(i + 2)..close];
                endAt = close;
            }
            else
            {
                int j = i + 1;
                while (j < template.Length && (char.IsAsciiLetterOrDigit(template[j]) || template[j] == '_')) j++;
                if (j == i + 1) { sb.Append(ch); continue; }
                name = template[(i + 1)..j];
                endAt = j - 1;
            }
            if (int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int num))
            {
                if (num < m.Groups.Count) sb.Append(m.Groups[num].Value);
            }
            else if (regex.GroupNumberFromName(name) >= 0)
            {
                sb.Append(m.Groups[name].Value);
            }
            i = endAt;
        }
        return sb.ToString();
    }
}
