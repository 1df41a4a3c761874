using System.Runtime.InteropServices;

namespace Argus.Query.Engine;

/// <summary>Per-sample float functions; every one drops the metric name (delayed, as Prometheus 3).</summary>
internal static class InstantFunctions
{
    public static InstantFunction ForName(string name) => name switch
    {
        "abs" => InstantFunction.Abs,
        "ceil" => InstantFunction.Ceil,
        "floor" => InstantFunction.Floor,
        "exp" => InstantFunction.Exp,
        "sqrt" => InstantFunction.Sqrt,
        "ln" => InstantFunction.Ln,
        "log2" => InstantFunction.Log2,
        "log10" => InstantFunction.Log10,
        "sgn" => InstantFunction.Sgn,
        "deg" => InstantFunction.Deg,
        "rad" => InstantFunction.Rad,
        "sin" => InstantFunction.Sin,
        "cos" => InstantFunction.Cos,
        "tan" => InstantFunction.Tan,
        "asin" => InstantFunction.Asin,
        "acos" => InstantFunction.Acos,
        "atan" => InstantFunction.Atan,
        "sinh" => InstantFunction.Sinh,
        "cosh" => InstantFunction.Cosh,
        "tanh" => InstantFunction.Tanh,
        "asinh" => InstantFunction.Asinh,
        "acosh" => InstantFunction.Acosh,
        "atanh" => InstantFunction.Atanh,
        "day_of_month" => InstantFunction.DayOfMonth,
        "day_of_week" => InstantFunction.DayOfWeek,
        "day_of_year" => InstantFunction.DayOfYear,
        "days_in_month" => InstantFunction.DaysInMonth,
        "hour" => InstantFunction.Hour,
        "minute" => InstantFunction.Minute,
        "month" => InstantFunction.Month,
        "year" => InstantFunction.Year,
        _ => throw new QueryException(QueryErrorKind.Execution, $"function \"{name}\" is not supported by the Argus engine"),
    };

    public static void Apply(InstantFunction fn, List<EvalSeries> mat)
    {
        foreach (var s in mat)
        {
            var pts = CollectionsMarshal.AsSpan(s.Points);
            for (int i = 0; i < pts.Length; i++) pts[i] = pts[i] with { F = Compute(fn, pts[i].F) };
            s.DropName = true;
        }
    }

    public static double Compute(InstantFunction fn, double f) => fn switch
    {
        InstantFunction.Abs => Math.Abs(f),
        InstantFunction.Ceil => Math.Ceiling(f),
        InstantFunction.Floor => Math.Floor(f),
        InstantFunction.Exp => Math.Exp(f),
        InstantFunction.Sqrt => Math.Sqrt(f),
        InstantFunction.Ln => Math.Log(f),
        InstantFunction.Log2 => Math.Log2(f),
        InstantFunction.Log10 => Math.Log10(f),
        InstantFunction.Sgn => f > 0 ? 1 : f < 0 ? -1 : f,
        InstantFunction.Deg => f * 180 / Math.PI,
        InstantFunction.Rad => f * Math.PI / 180,
        InstantFunction.Sin => Math.Sin(f),
        InstantFunction.Cos => Math.Cos(f),
        InstantFunction.Tan => Math.Tan(f),
        InstantFunction.Asin => Math.Asin(f),
        InstantFunction.Acos => Math.Acos(f),
        InstantFunction.Atan => Math.Atan(f),
        InstantFunction.Sinh => Math.Sinh(f),
        InstantFunction.Cosh => Math.Cosh(f),
        InstantFunction.Tanh => Math.Tanh(f),
        InstantFunction.Asinh => Math.Asinh(f),
        InstantFunction.Acosh => Math.Acosh(f),
        InstantFunction.Atanh => Math.Atanh(f),
        _ => Date(fn, f),
    };

    /// <summary>Calendar fields of a Unix time in seconds, UTC (Go's time.Unix(int64(f), 0).UTC()).</summary>
    private static double Date(InstantFunction fn, double f)
    {
        if (double.IsNaN(f) || double.IsInfinity(f)) return double.NaN;
        var t = DateTimeOffset.UnixEpoch.AddSeconds(Math.Truncate(f)).UtcDateTime;
        return fn switch
        {
            InstantFunction.DayOfMonth => t.Day,
            InstantFunction.DayOfWeek => (int)t.DayOfWeek,
            InstantFunction.DayOfYear => t.DayOfYear,
            InstantFunction.DaysInMonth => DateTime.DaysInMonth(t.Year, t.Month),
            InstantFunction.Hour => t.Hour,
            InstantFunction.Minute => t.Minute,
            InstantFunction.Month => t.Month,
            _ => t.Year,
        };
    }
}
