namespace Argus.Query.Engine;

/// <summary>Kahan–Neumaier compensated summation exactly as Prometheus's kahanSumInc (promql/functions.go).</summary>
internal static class KahanSum
{
    /// <summary>Adds <paramref name="inc"/> to <paramref name="sum"/>, accumulating the rounding error in <paramref name="c"/>.</summary>
    public static void Inc(double inc, ref double sum, ref double c)
    {
        double t = sum + inc;
        if (double.IsInfinity(t)) c = 0;
        else if (Math.Abs(sum) >= Math.Abs(inc)) c += (sum - t) + inc;
        else c += (inc - t) + sum;
        sum = t;
    }
}
