using Argus.Model;

namespace Argus.Collect.Backfill;

/// <summary>
/// One series read by the importer: its labels, its last sample (to reject out-of-order and conflicting samples) and where
/// its samples are in the <see cref="SampleSpill"/>, run by run in increasing timestamp order.
/// </summary>
internal sealed class ImportedSeries(Labels labels)
{
    public Labels Labels { get; } = labels;
    public List<SampleRun> Runs { get; } = [];
    public long SampleCount { get; private set; }
    public long LastT { get; private set; } = long.MinValue;
    public double LastV { get; private set; }

    /// <summary>Records a sample just appended to the spill as record <paramref name="record"/>.</summary>
    public void Add(long t, double v, long blockStart, long record)
    {
        if (Runs.Count > 0 && Runs[^1] is var last && last.BlockStart == blockStart && last.FirstRecord + last.Count == record)
        {
            // Fast path: series written line after line extend one run per block range.
            Runs[^1] = last with { Count = last.Count + 1 };
        }
        else
        {
            Runs.Add(new SampleRun(blockStart, record, 1));
        }
        LastT = t;
        LastV = v;
        SampleCount++;
    }
}
