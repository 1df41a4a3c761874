using Argus.Model;

namespace Argus.Remote.Protocol;

/// <summary>One sample of one series waiting to be sent: each becomes a TimeSeries entry with one sample, as Prometheus sends.</summary>
public readonly record struct SeriesSample(Labels Labels, long T, double V);
