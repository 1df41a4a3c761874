using System.Text.Json;
using Argus.Model;
using Argus.Remote.Protocol;
using CsCheck;
using Snappier;

namespace Argus.Tests.Remote.Protocol;

public sealed class WriteRequestCodecTests
{
    /// <summary>A capture of Prometheus 2.42's remote write in shared/contracts/fixtures/wire, looked up from the repository upwards.</summary>
    internal static string Fixture(string name)
    {
        for (var dir = new DirectoryInfo(ArchitectureTests.RepoRoot()); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "contracts", "fixtures", "wire", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"shared/contracts/fixtures/wire/{name} not found above {ArchitectureTests.RepoRoot()}");
    }

    [Fact]
    public void DecodeSnappy_PrometheusRequest_MatchesDecodedFixture()
    {
        var request = WriteRequestDecoder.DecodeSnappy(File.ReadAllBytes(Fixture("remote-write-4series.snappy")));
        using var json = JsonDocument.Parse(File.ReadAllText(Fixture("remote-write-4series.decoded.json")));
        var expected = json.RootElement.GetProperty("timeseries").EnumerateArray().ToList();
        Assert.Equal(expected.Count, request.Timeseries.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            var ts = request.Timeseries[i];
            var labels = expected[i].GetProperty("labels").EnumerateArray()
                .Select(l => new Label(l.GetProperty("name").GetString()!, l.GetProperty("value").GetString()!)).ToList();
            Assert.Equal(labels, ts.Labels);
            var samples = expected[i].GetProperty("samples").EnumerateArray().ToList();
            Assert.Equal(samples.Count, ts.Samples.Count);
            for (int j = 0; j < samples.Count; j++)
            {
                Assert.Equal(samples[j].GetProperty("timestamp").GetInt64(), ts.Samples[j].T);
                // The capture omits value and value_bits for 0.0, as proto3 omits the field on the wire.
                ulong bits = samples[j].TryGetProperty("value_bits", out var hex) ? Convert.ToUInt64(hex.GetString(), 16) : 0;
                Assert.Equal(bits, BitConverter.DoubleToUInt64Bits(ts.Samples[j].V));
            }
        }
    }

    [Theory]
    [InlineData("remote-write-4series.snappy")]
    [InlineData("remote-write-with-stale-markers.snappy")]
    public void Encode_DecodedPrometheusRequest_ReproducesItsProtobufBytes(string fixture)
    {
        byte[] golden = Snappy.DecompressToArray(File.ReadAllBytes(Fixture(fixture)));
        var request = WriteRequestDecoder.Decode(golden);
        var encoder = new WriteRequestEncoder();
        byte[] ours = Snappy.DecompressToArray(encoder.Encode(request).Span);
        Assert.Equal(Convert.ToHexString(golden), Convert.ToHexString(ours));
    }

    [Fact]
    public void DecodeSnappy_StaleMarkers_KeepTheirBits()
    {
        var request = WriteRequestDecoder.DecodeSnappy(File.ReadAllBytes(Fixture("remote-write-with-stale-markers.snappy")));
        Assert.Contains(request.Timeseries, ts => ts.Samples.Any(s => StaleNaN.IsStale(s.V)));
    }

    [Fact]
    public void Encode_SeriesSamples_DecodesToOneSamplePerSeries()
    {
        var a = Labels.FromStrings("__name__", "up", "job", "a");
        var b = Labels.FromStrings("__name__", "up", "job", "b");
        SeriesSample[] samples = [new(a, 1000, 1), new(b, 1000, 0), new(a, -5, StaleNaN.Value), new(b, 0, double.NegativeInfinity)];
        var decoded = WriteRequestDecoder.DecodeSnappy(new WriteRequestEncoder().Encode(samples).Span);
        Assert.Equal(4, decoded.Timeseries.Count);
        for (int i = 0; i < samples.Length; i++)
        {
            Assert.Equal(samples[i].Labels, Labels.FromPairs(decoded.Timeseries[i].Labels));
            var s = Assert.Single(decoded.Timeseries[i].Samples);
            Assert.Equal(samples[i].T, s.T);
            Assert.Equal(BitConverter.DoubleToUInt64Bits(samples[i].V), BitConverter.DoubleToUInt64Bits(s.V));
        }
    }

    [Fact]
    public void Encode_CachedEncodedLabels_SameBytesAsEncodingTheLabels()
    {
        var a = Labels.FromStrings("__name__", "container_cpu_usage_seconds_total", "namespace", "kube-system", "pod", "ü-1");
        SeriesSample[] plain = [new(a, 1700000000000, 12.5), new(a, 1700000001000, 0)];
        SeriesSample[] cached = [.. plain.Select(s => s with { EncodedLabels = TimeSeriesWriter.EncodeLabels(a) })];
        var encoder = new WriteRequestEncoder();
        byte[] expected = encoder.Encode(plain).ToArray();
        Assert.Equal(expected, encoder.Encode(cached).ToArray());
    }

    [Fact]
    public void Encode_AnySeriesSamples_SameBytesAsTheGeneralEncoder()
    {
        // The send path writes framing by hand around cached label bytes; the general encoder goes through
        // CodedOutputStream. Both must give the same WriteRequest for any labels, timestamp and value bits.
        var sample = Gen.Select(Gen.Select(s_name, s_value).Array[1, 5], s_time, s_double, (labels, t, v) =>
        {
            var unique = labels.DistinctBy(l => l.Item1).Select(l => new Label(l.Item1, l.Item2)).ToList();
            return new SeriesSample(Labels.FromPairs(unique), t, v);
        });
        Gen.Select(Gen.Bool, sample.Array[0, 40]).Sample((cached, samples) =>
        {
            if (cached) samples = [.. samples.Select(s => s with { EncodedLabels = TimeSeriesWriter.EncodeLabels(s.Labels) })];
            var request = new WriteRequest([.. samples.Select(s => new TimeSeries([.. s.Labels], [new Sample(s.T, s.V)], [], 0))], []);
            var encoder = new WriteRequestEncoder();
            byte[] expected = encoder.Encode(request).ToArray();
            int expectedSize = encoder.UncompressedSize;
            Assert.Equal(expected, encoder.Encode(samples).ToArray());
            Assert.Equal(expectedSize, encoder.UncompressedSize);
        }, iter: 300);
    }

    private static readonly Gen<string> s_name = Gen.Char["a-z_"].Array[1, 8].Select(c => new string(c));
    private static readonly Gen<string> s_value = Gen.String[Gen.Char.AlphaNumeric, 0, 12].Select(Gen.String, (a, b) => a + b);
    private static readonly Gen<double> s_double = Gen.Frequency(
        (4, Gen.Double),
        (1, OneOf(0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, StaleNaN.Value,
            BitConverter.UInt64BitsToDouble(0x7ff8000000000001), double.Epsilon, double.MaxValue)));
    private static readonly Gen<long> s_time = Gen.Frequency((3, Gen.Long), (1, OneOf(0L, -1L, long.MinValue, long.MaxValue)));

    private static Gen<T> OneOf<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static readonly Gen<TimeSeries> s_series = Gen.Select(
        Gen.Select(s_name, s_value).Array[0, 5],
        Gen.Select(s_time, s_double).Array[0, 4],
        Gen.Select(Gen.Select(s_name, s_value).Array[0, 2], s_double, s_time).Array[0, 2],
        (labels, samples, exemplars) => new TimeSeries(
            labels.Select(l => new Label(l.Item1, l.Item2)).ToList(),
            samples.Select(s => new Sample(s.Item1, s.Item2)).ToList(),
            exemplars.Select(e => new Exemplar(Labels.FromPairs(e.Item1.Select(l => new Label(l.Item1, l.Item2))), e.Item2, e.Item3)).ToList(),
            0));

    private static readonly Gen<MetricMetadata> s_metadata = Gen.Select(Gen.Int[0, 7], s_name, s_value, s_value,
        (t, name, help, unit) => new MetricMetadata((MetricMetadataType)t, name, help, unit));

    [Fact]
    public void EncodeDecode_AnyRequest_RoundTrips()
    {
        Gen.Select(s_series.Array[0, 6], s_metadata.Array[0, 3]).Sample((series, metadata) =>
        {
            var request = new WriteRequest(series, metadata);
            var decoded = WriteRequestDecoder.DecodeSnappy(new WriteRequestEncoder().Encode(request).Span);
            Assert.Equal(request.Timeseries.Count, decoded.Timeseries.Count);
            for (int i = 0; i < series.Length; i++)
            {
                TimeSeries want = series[i], got = decoded.Timeseries[i];
                // proto3 cannot tell an empty string from an absent one: labels round-trip as written, empty ones included.
                Assert.Equal(want.Labels, got.Labels);
                Assert.Equal(want.Samples.Select(Bits), got.Samples.Select(Bits));
                Assert.Equal(want.Exemplars.Count, got.Exemplars.Count);
                for (int j = 0; j < want.Exemplars.Count; j++)
                {
                    Assert.Equal(want.Exemplars[j].Labels, got.Exemplars[j].Labels);
                    Assert.Equal(BitConverter.DoubleToUInt64Bits(want.Exemplars[j].Value), BitConverter.DoubleToUInt64Bits(got.Exemplars[j].Value));
                    Assert.Equal(want.Exemplars[j].TimestampMs, got.Exemplars[j].TimestampMs);
                }
            }
            Assert.Equal(metadata, decoded.Metadata);
        }, iter: 300);
    }

    private static (long, ulong) Bits(Sample s) => (s.T, BitConverter.DoubleToUInt64Bits(s.V));

    [Theory]
    [InlineData("not snappy at all")]
    [InlineData("\xff\x06\x00\x00sNaPpY")]   // the framed format, which remote write does not allow
    public void DecodeSnappy_Garbage_ThrowsNamingSnappy(string body)
    {
        var e = Assert.Throws<InvalidDataException>(() => WriteRequestDecoder.DecodeSnappy(System.Text.Encoding.Latin1.GetBytes(body)));
        Assert.StartsWith("snappy: ", e.Message);
    }

    [Fact]
    public void Decode_TruncatedProtobuf_NamesTheOffset()
    {
        byte[] raw = Snappy.DecompressToArray(File.ReadAllBytes(Fixture("remote-write-4series.snappy")));
        var e = Assert.Throws<InvalidDataException>(() => WriteRequestDecoder.Decode(raw.AsSpan(0, raw.Length - 3)));
        Assert.StartsWith("protobuf byte ", e.Message);
    }

    [Fact]
    public void DecodeSnappy_DeclaredLengthOverLimit_Throws()
    {
        byte[] body = Snappy.CompressToArray(new byte[1000]);
        var e = Assert.Throws<InvalidDataException>(() => WriteRequestDecoder.DecodeSnappy(body, maxUncompressedBytes: 100));
        Assert.Contains("exceeds the limit", e.Message);
    }

    // Regression (remote-write fuzz target): a declared length beyond int.MaxValue threw OverflowException from Snappier.
    [Theory]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00 }, 4294967295L)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x08, 0x00 }, 2147483648L)]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00 }, long.MaxValue)]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, long.MaxValue)]
    public void DecodeSnappy_DeclaredLengthBeyondInt_OverTheLimitNotOverflow(byte[] body, long reported)
    {
        var e = Assert.Throws<InvalidDataException>(() => WriteRequestDecoder.DecodeSnappy(body));
        Assert.Equal($"snappy: declared length {reported} exceeds the limit of {WriteRequestDecoder.DefaultMaxUncompressedBytes} bytes", e.Message);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 })]
    public void DecodeSnappy_BadLengthPreamble_Corrupt(byte[] body)
    {
        var e = Assert.Throws<InvalidDataException>(() => WriteRequestDecoder.DecodeSnappy(body));
        Assert.StartsWith("snappy: corrupt input: ", e.Message);
    }
}
