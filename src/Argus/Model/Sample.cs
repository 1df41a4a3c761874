namespace Argus.Model;

/// <summary>One float sample: a millisecond Unix timestamp and a value.</summary>
public readonly record struct Sample(long T, double V);
