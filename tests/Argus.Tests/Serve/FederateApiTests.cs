using System.Buffers;
using System.Text;
using Argus.Model;
using Argus.Serve.Api;
using Argus.Store.Head;
using Argus.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Serve;

public sealed class FederateApiTests : IDisposable
{
    private const long Now = 1_000_000;
    private readonly Head _head = new(new HeadOptions(), null, new MetricsRegistry(), NullLogger.Instance);

    public FederateApiTests()
    {
        var app = _head.Appender();
        void Add(Labels l, params (long T, double V)[] samples)
        {
            var r = SeriesRef.None;
            foreach (var (t, v) in samples) app.Append(ref r, l, t, v);
        }
        Add(Labels.FromStrings("__name__", "up", "job", "api", "instance", "a:9090"), (Now - 30_000, 1), (Now - 15_000, 0));
        Add(Labels.FromStrings("__name__", "up", "job", "api", "instance", "b:9090"), (Now - 30_000, 1), (Now - 15_000, StaleNaN.Value));
        Add(Labels.FromStrings("__name__", "up", "job", "old", "instance", "c:9090"), (Now - 400_000, 1));   // beyond 5m
        Add(Labels.FromStrings("__name__", "job:rate:sum", "job", "api", "cluster", "own"), (Now - 10_000, 2.5e-7));
        Add(Labels.FromStrings("__name__", "build_info", "version", "a\"b\\c\nd"), (Now - 1, double.PositiveInfinity));
        app.Commit();
    }

    public void Dispose() => _head.Dispose();

    private string Federate(Labels external, params string[] selectors)
    {
        var parsed = selectors.Select(s => Argus.Query.Parser.PromQLParser.ParseMetricSelector(s).ToArray()).ToList();
        var latest = FederateApi.Latest(_head, parsed, Now - 300_000, Now, CancellationToken.None);
        var w = new ArrayBufferWriter<byte>();
        FederateApi.Write(w, latest, external);
        return Encoding.UTF8.GetString(w.WrittenSpan);
    }

    [Fact]
    public void Write_AsPrometheus_LatestSampleUntypedFamiliesExternalLabelsAppended()
    {
        string text = Federate(Labels.FromStrings("cluster", "eu", "replica", "r1"), "{job=~\".+\"}", "up", "{__name__=\"build_info\"}");

        Assert.Equal("""
            # TYPE build_info untyped
            build_info{version="a\"b\\c\nd",cluster="eu",instance="",replica="r1"} +Inf 999999
            # TYPE job:rate:sum untyped
            job:rate:sum{cluster="own",job="api",instance="",replica="r1"} 2.5e-07 990000
            # TYPE up untyped
            up{instance="a:9090",job="api",cluster="eu",replica="r1"} 0 985000

            """.Replace("\r", ""), text);
    }

    [Fact]
    public void Write_ExternalInstance_NotDuplicated()
    {
        string text = Federate(Labels.FromStrings("instance", "argus-1"), "up");
        Assert.Equal("# TYPE up untyped\nup{instance=\"a:9090\",job=\"api\"} 0 985000\n", text);
    }

    [Fact]
    public void Write_NoSelectors_Empty() => Assert.Equal("", Federate(Labels.Empty));
}
