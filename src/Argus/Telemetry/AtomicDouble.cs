namespace Argus.Telemetry;

/// <summary>Lock-free arithmetic on a double stored as its bits in a long (Interlocked has no double Add).</summary>
internal static class AtomicDouble
{
    public static void Add(ref long bits, double delta)
    {
        long seen = Interlocked.Read(ref bits);
        while (true)
        {
            long next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(seen) + delta);
            long prev = Interlocked.CompareExchange(ref bits, next, seen);
            if (prev == seen) return;
            seen = prev;
        }
    }
}
