namespace Argus.Model;

/// <summary>
/// Prometheus's staleness marker: a NaN with a specific payload, written when a series disappears from its target.
/// It must be compared by bits; ordinary NaN values (e.g. from a target reporting NaN) are not stale markers.
/// </summary>
public static class StaleNaN
{
    public const ulong Bits = 0x7ff0000000000002UL;
    public static readonly double Value = BitConverter.UInt64BitsToDouble(Bits);

    public static bool IsStale(double v) => BitConverter.DoubleToUInt64Bits(v) == Bits;
}
