using Argus.Model;

namespace Argus.Remote.Protocol;

/// <summary>
/// prometheus.TimeSeries as decoded: labels (1) in wire order (not sorted or checked here; the receiver validates), samples
/// (2), exemplars (3). Native histograms (4) are counted, not decoded: remote write 1.0 support in Argus is float samples.
/// </summary>
public sealed record TimeSeries(IReadOnlyList<Label> Labels, IReadOnlyList<Sample> Samples, IReadOnlyList<Exemplar> Exemplars, int Histograms);
