using Argus.Model;

namespace Argus.Query.Engine;

/// <summary>One element of an instant vector during evaluation; Series is the index of the input series it came from (or −1).</summary>
internal readonly record struct EvalSample(Labels Metric, double F, bool DropName, int Series = -1);
