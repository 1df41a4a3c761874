using Argus.Model;
using Argus.Remote.Read;
using CsCheck;

namespace Argus.Tests.Remote.Read;

public sealed class ReadRequestTests
{
    [Fact]
    public void Parse_AllMatcherTypesAndHints_Decoded()
    {
        byte[] bytes = ReadWire.EncodeRequest(
        [
            new(1000, 2000, [(0, "__name__", "up"), (1, "job", "x"), (2, "instance", "a|b"), (3, "env", "dev.*")], HintFunc: "rate"),
            new(-5, 9_000_000_000_000, [(0, "__name__", "m")]),
        ], 1, 0);

        var request = ReadRequest.Parse(bytes);

        Assert.Equal(2, request.Queries.Count);
        var q = request.Queries[0];
        Assert.Equal((1000L, 2000L), (q.StartMs, q.EndMs));
        Assert.Equal(["__name__=\"up\"", "job!=\"x\"", "instance=~\"a|b\"", "env!~\"dev.*\""], q.Matchers.Select(m => m.ToString()));
        Assert.Equal("rate", q.Hints!.Func);
        Assert.Equal(15_000, q.Hints.StepMs);
        Assert.Equal(["job"], q.Hints.Grouping);
        Assert.True(q.Hints.By);
        Assert.Equal((-5L, 9_000_000_000_000L), (request.Queries[1].StartMs, request.Queries[1].EndMs));
        Assert.Null(request.Queries[1].Hints);
        Assert.Equal([ReadResponseType.StreamedXorChunks, ReadResponseType.Samples], request.AcceptedResponseTypes);
    }

    [Theory]
    [InlineData(new byte[] { 0x0a, 0x05, 0x08 }, "cannot decode remote read request")]               // truncated query
    [InlineData(new byte[] { 0x0a, 0x04, 0x1a, 0x02, 0x08, 0x07 }, "invalid matcher type 7")]       // type 7
    public void Parse_Malformed_BadRequestNamingTheProblem(byte[] bytes, string expected)
    {
        var e = Assert.Throws<RemoteReadException>(() => ReadRequest.Parse(bytes));
        Assert.Equal(400, e.StatusCode);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Parse_BadRegex_BadRequestNamingQueryAndLabel()
    {
        byte[] bytes = ReadWire.EncodeRequest([new(0, 1, [(2, "job", "(")])]);
        var e = Assert.Throws<RemoteReadException>(() => ReadRequest.Parse(bytes));
        Assert.Equal(400, e.StatusCode);
        Assert.Contains("query 0", e.Message);
        Assert.Contains("job", e.Message);
    }

    private static readonly Gen<double> s_values = Gen.Frequency(
        (4, Gen.Double),
        (1, Gen.Int[0, 5].Select(i => new[] { 0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, StaleNaN.Value }[i])));

    private static readonly Gen<long> s_times = Gen.Frequency((4, Gen.Long[-1_000_000, 2_000_000_000_000]), (1, Gen.Long), (1, Gen.Const(0L)));

    [Fact]
    public void Encode_ThenDecode_SameSeriesAndSampleBits()
    {
        var genLabels = Gen.String[Gen.Char.AlphaNumeric, 1, 8].Array[1, 4]
            .Select(names => Labels.FromPairs(names.Select((n, i) => new Label(i == 0 ? "__name__" : "l" + n, n + "ü\"\n"))));
        var genSeries = Gen.Select(genLabels, Gen.Select(s_times, s_values, (t, v) => new Sample(t, v)).Array[0, 20],
            (l, s) => new ReadSeries(l, s));
        genSeries.Array[0, 5].Array[0, 3].Sample(results =>
        {
            var decoded = ReadWire.DecodeResponse(ReadResponseEncoder.Encode(results));
            Assert.Equal(results.Length, decoded.Count);
            for (int i = 0; i < results.Length; i++)
            {
                Assert.Equal(results[i].Length, decoded[i].Count);
                for (int j = 0; j < results[i].Length; j++)
                {
                    Assert.Equal(results[i][j].Labels, decoded[i][j].Labels);
                    Assert.Equal(results[i][j].Samples.Select(s => (s.T, BitConverter.DoubleToUInt64Bits(s.V))),
                        decoded[i][j].Samples.Select(s => (s.T, BitConverter.DoubleToUInt64Bits(s.V))));
                }
            }
        });
    }
}
