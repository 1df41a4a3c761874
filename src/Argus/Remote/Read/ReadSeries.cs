using Argus.Model;

namespace Argus.Remote.Read;

/// <summary>One prompb.TimeSeries of a read answer: the label set (external labels merged in) and its samples, oldest first.</summary>
public sealed record ReadSeries(Labels Labels, Sample[] Samples);
