using Argus.Model;

namespace Argus.Remote.Protocol;

/// <summary>
/// One sample of one series waiting to be sent: each becomes a TimeSeries entry with one sample, as Prometheus sends.
/// <paramref name="EncodedLabels"/>, when set, is the series' labels field already in wire form
/// (<see cref="TimeSeriesWriter.EncodeLabels"/>): the sender caches it per series so that a sample costs a copy instead of
/// re-encoding every label string.
/// </summary>
public readonly record struct SeriesSample(Labels Labels, long T, double V, byte[]? EncodedLabels = null);
