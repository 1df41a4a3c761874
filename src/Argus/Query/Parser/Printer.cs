using System.Globalization;
using System.Text;
using Argus.Model;

namespace Argus.Query.Parser;

/// <summary>
/// Prints a syntax tree in Prometheus's canonical one-line form (printer.go, used by /api/v1/format_query): comments
/// dropped, <c>sum by (job) (rate(x[5m]))</c>, binary operators spaced, matchers without spaces. Parsing the output gives
/// back an equal tree.
/// </summary>
public static class Printer
{
    public static string Format(Expr expr)
    {
        var sb = new StringBuilder();
        Write(sb, expr);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Expr expr)
    {
        switch (expr)
        {
            case NumberLiteral n:
                sb.Append(n.IsDuration ? FormatSignedDuration((long)Math.Round(n.Value * 1000)) : FormatNumber(n.Value));
                break;
            case StringLiteral s:
                sb.Append(StringUnquoter.Quote(s.Value));
                break;
            case VectorSelector v:
                WriteSelector(sb, v);
                WriteModifiers(sb, v.Timestamp, v.At, v.OffsetMs);
                break;
            case MatrixSelector m:
                WriteSelector(sb, m.VectorSelector);
                sb.Append('[').Append(FormatDuration(m.RangeMs)).Append(']');
                WriteModifiers(sb, m.VectorSelector.Timestamp, m.VectorSelector.At, m.VectorSelector.OffsetMs);
                break;
            case SubqueryExpr q:
                Write(sb, q.Expr);
                sb.Append('[').Append(FormatDuration(q.RangeMs)).Append(':');
                if (q.StepMs != 0) sb.Append(FormatDuration(q.StepMs));
                sb.Append(']');
                WriteModifiers(sb, q.Timestamp, q.At, q.OffsetMs);
                break;
            case ParenExpr p:
                sb.Append('(');
                Write(sb, p.Expr);
                sb.Append(')');
                break;
            case UnaryExpr u:
                sb.Append(u.Op.Symbol());
                Write(sb, u.Expr);
                break;
            case BinaryExpr b:
                WriteBinary(sb, b);
                break;
            case Call c:
                sb.Append(c.Function.Name).Append('(');
                for (int i = 0; i < c.Args.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, c.Args[i]);
                }
                sb.Append(')');
                break;
            case AggregateExpr a:
                sb.Append(a.Op.Name());
                if (a.Without || a.Grouping.Count > 0)
                {
                    sb.Append(a.Without ? " without (" : " by (");
                    WriteLabels(sb, a.Grouping);
                    sb.Append(") ");
                }
                sb.Append('(');
                if (a.Param is { } param)
                {
                    Write(sb, param);
                    sb.Append(", ");
                }
                Write(sb, a.Expr);
                sb.Append(')');
                break;
            default:
                throw new InvalidOperationException("BUG: unknown node type " + expr.GetType().Name);
        }
    }

    private static void WriteBinary(StringBuilder sb, BinaryExpr b)
    {
        Write(sb, b.Lhs);
        sb.Append(' ').Append(b.Op.Symbol());
        if (b.ReturnBool) sb.Append(" bool");
        if (b.VectorMatching is { } vm)
        {
            bool grouped = vm.Card is VectorMatchCardinality.ManyToOne or VectorMatchCardinality.OneToMany;
            // Prometheus omits an empty ignoring(); a group modifier needs it, so it is printed then.
            if (vm.On || vm.MatchingLabels.Count > 0 || grouped)
            {
                sb.Append(vm.On ? " on (" : " ignoring (");
                WriteLabels(sb, vm.MatchingLabels);
                sb.Append(')');
            }
            if (grouped)
            {
                sb.Append(vm.Card == VectorMatchCardinality.ManyToOne ? " group_left (" : " group_right (");
                WriteLabels(sb, vm.Include);
                sb.Append(')');
            }
        }
        sb.Append(' ');
        Write(sb, b.Rhs);
    }

    private static void WriteSelector(StringBuilder sb, VectorSelector v)
    {
        sb.Append(v.Name);
        bool first = true;
        bool skippedName = false;
        foreach (var m in v.Matchers)
        {
            if (!skippedName && v.Name.Length > 0 && m.Type == MatcherType.Equal && m.Name == "__name__" && m.Value == v.Name)
            {
                skippedName = true;
                continue;
            }
            sb.Append(first ? "{" : ",");
            first = false;
            sb.Append(IsLegacyLabelName(m.Name) ? m.Name : StringUnquoter.Quote(m.Name));
            sb.Append(m.Type switch
            {
                MatcherType.Equal => "=",
                MatcherType.NotEqual => "!=",
                MatcherType.Regexp => "=~",
                _ => "!~",
            });
            sb.Append(StringUnquoter.Quote(m.Value));
        }
        if (!first) sb.Append('}');
        else if (v.Name.Length == 0) sb.Append("{}");
    }

    private static void WriteModifiers(StringBuilder sb, long? timestamp, AtModifier at, long offsetMs)
    {
        if (timestamp is { } t) sb.Append(" @ ").Append((t / 1000.0).ToString("F3", CultureInfo.InvariantCulture));
        else if (at == AtModifier.Start) sb.Append(" @ start()");
        else if (at == AtModifier.End) sb.Append(" @ end()");
        if (offsetMs != 0) sb.Append(" offset ").Append(FormatSignedDuration(offsetMs));
    }

    private static void WriteLabels(StringBuilder sb, IReadOnlyList<string> labels)
    {
        for (int i = 0; i < labels.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(IsLegacyLabelName(labels[i]) ? labels[i] : StringUnquoter.Quote(labels[i]));
        }
    }

    private static bool IsLegacyLabelName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0])) return false;
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }

    private static string FormatSignedDuration(long ms) => ms < 0 ? "-" + FormatDuration(-ms) : FormatDuration(ms);

    /// <summary>Prometheus's model.Duration.String: <c>1h30m</c>, <c>5m</c>, <c>1s500ms</c>, <c>0s</c>.</summary>
    public static string FormatDuration(long ms)
    {
        if (ms == 0) return "0s";
        var sb = new StringBuilder();
        Span<(long Ms, char Unit)> units =
        [
            (365L * 24 * 3600 * 1000, 'y'), (7L * 24 * 3600 * 1000, 'w'), (24L * 3600 * 1000, 'd'),
            (3600L * 1000, 'h'), (60L * 1000, 'm'), (1000L, 's'),
        ];
        foreach (var (unitMs, unit) in units)
        {
            if (ms >= unitMs)
            {
                sb.Append(ms / unitMs).Append(unit);
                ms %= unitMs;
            }
        }
        if (ms > 0) sb.Append(ms).Append("ms");
        return sb.ToString();
    }

    /// <summary>Go's strconv.FormatFloat(v, 'f', -1, 64): shortest round-trip digits, never an exponent; ±Inf, NaN.</summary>
    public static string FormatNumber(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsPositiveInfinity(v)) return "+Inf";
        if (double.IsNegativeInfinity(v)) return "-Inf";
        string r = v.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOf('E');
        if (e < 0) return r;
        bool negative = r[0] == '-';
        string mantissa = r[(negative ? 1 : 0)..e];
        int exponent = int.Parse(r.AsSpan(e + 1), CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.');
        string digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int pointPos = (dot < 0 ? mantissa.Length : dot) + exponent;
        string result = pointPos <= 0
            ? "0." + new string('0', -pointPos) + digits
            : pointPos >= digits.Length
                ? digits + new string('0', pointPos - digits.Length)
                : digits[..pointPos] + "." + digits[pointPos..];
        return negative ? "-" + result : result;
    }
}
