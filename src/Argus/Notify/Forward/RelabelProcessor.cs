using Argus.Config;
using Argus.Model;

namespace Argus.Notify.Forward;

/// <summary>
/// Relabelling as Prometheus's <c>relabel.ProcessBuilder</c>: applies <paramref name="configs"/> to the builder in place and
/// returns false when a keep/drop step dropped it. Notify does not depend on Collect, so the composition root passes
/// Collect's <c>Relabeler.Process</c> in.
/// </summary>
public delegate bool RelabelProcessor(Labels.Builder labels, IReadOnlyList<RelabelConfig> configs);
