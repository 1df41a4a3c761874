namespace Argus.Collect.Backfill;

/// <summary>
/// Consecutive samples of one series in the <see cref="SampleSpill"/>: <see cref="Count"/> records from
/// <see cref="FirstRecord"/>, all inside the block range starting at <see cref="BlockStart"/>.
/// </summary>
internal readonly record struct SampleRun(long BlockStart, long FirstRecord, int Count);
