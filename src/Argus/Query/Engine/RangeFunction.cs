namespace Argus.Query.Engine;

/// <summary>Functions over a range vector's window (promql/functions.go: funcRate, aggrOverTime users, …).</summary>
internal enum RangeFunction
{
    Rate, Increase, Delta, Irate, Idelta, Deriv, PredictLinear, Changes, Resets,
    AvgOverTime, SumOverTime, MinOverTime, MaxOverTime, CountOverTime, StddevOverTime, StdvarOverTime,
    LastOverTime, FirstOverTime, PresentOverTime, QuantileOverTime, MadOverTime,
    TsOfFirstOverTime, TsOfLastOverTime, TsOfMaxOverTime, TsOfMinOverTime,
    DoubleExponentialSmoothing,
}
