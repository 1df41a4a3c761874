using Argus.Store;
using Argus.Model;

namespace Argus.Collect.Backfill;

/// <summary>One series read by the importer: its labels and samples in increasing timestamp order.</summary>
internal sealed class ImportedSeries(Labels labels)
{
    public Labels Labels { get; } = labels;
    public List<Sample> Samples { get; } = [];
}
