namespace Argus.Query.Engine;

/// <summary>
/// What a range function needs besides the window's samples: the window bounds (ms, left-open) and the scalar arguments
/// at this step (Arg0 is the first argument when it is a scalar, e.g. quantile_over_time's q).
/// </summary>
internal readonly record struct RangeArgs(long From, long To, long RangeMs, double Arg1, double Arg2, double Arg0, long Ts);
