namespace Argus.TargetGen;

/// <summary>How a family's values move between renders; the names of targets.py's Family kinds in comments.</summary>
internal enum ValueKind : byte
{
    /// <summary><c>const</c>: info, phase, limits: rendered once.</summary>
    Const,
    /// <summary><c>cf</c>: float counter (seconds), many decimals.</summary>
    CounterFloat,
    /// <summary><c>cf2</c>: float counter rounded to 2 decimals.</summary>
    CounterFloat2,
    /// <summary><c>ci</c>: integer counter (bytes, packets).</summary>
    CounterInt,
    /// <summary><c>gi</c>: integer gauge jittering around a base (page-aligned in the k8s value model).</summary>
    GaugeInt,
    /// <summary><c>gf</c>: float gauge jittering around a base, 4 decimals.</summary>
    GaugeFloat,
}
