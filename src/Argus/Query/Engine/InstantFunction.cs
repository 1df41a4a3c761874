namespace Argus.Query.Engine;

/// <summary>The functions that map each float sample to a new value on its own (promql/functions.go simpleFloatFunc and friends).</summary>
internal enum InstantFunction
{
    Abs, Ceil, Floor, Exp, Sqrt, Ln, Log2, Log10, Sgn, Deg, Rad,
    Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Tanh, Asinh, Acosh, Atanh,
    DayOfMonth, DayOfWeek, DayOfYear, DaysInMonth, Hour, Minute, Month, Year,
}
