using System.Buffers.Binary;
using Argus.Model;
using Argus.Store.Wal;
using CsCheck;

namespace Argus.Tests.Store.Wal;

public sealed class WalRecordTests
{
    private static readonly Gen<double> s_values = Gen.Frequency(
        (3, Gen.Double),
        (1, Gen.Int[0, 6].Select(i => new[] { double.NaN, StaleNaN.Value, double.PositiveInfinity, double.NegativeInfinity, -0.0,
            double.Epsilon, double.MaxValue }[i])),
        (1, Gen.ULong.Select(BitConverter.UInt64BitsToDouble)));

    private static readonly Gen<RefSample> s_sample =
        from r in Gen.Frequency((3, Gen.ULong[1, 1000]), (1, Gen.ULong))
        from t in Gen.Frequency((3, Gen.Long[1_700_000_000_000, 1_800_000_000_000]), (1, Gen.Long))
        from v in s_values
        select new RefSample(new SeriesRef(r), t, v);

    private static readonly Gen<string> s_text = Gen.Frequency(
        (4, Gen.String[Gen.Char.AlphaNumeric, 1, 20]),
        (1, Gen.String[Gen.Char, 1, 200]));   // any UTF-16, long enough to skip interning

    private static readonly Gen<RefSeries> s_series =
        from r in Gen.ULong
        from pairs in Gen.Select(s_text, s_text).Array[0, 12]
        select new RefSeries(new SeriesRef(r), Labels.FromPairs(pairs.Select(p => new Label(p.Item1, p.Item2))));

    [Fact]
    public void Samples_EncodeDecode_RoundTripsBitExactly()
    {
        s_sample.Array[0, 500].Sample(samples =>
        {
            var buffer = new byte[WalRecordEncoder.MaxSamplesSize(samples.Length)];
            int n = WalRecordEncoder.EncodeSamples(samples, buffer);
            var decoded = new WalRecordDecoder().DecodeSamples(buffer.AsSpan(0, n)).ToArray();
            Assert.Equal(samples.Length, decoded.Length);
            for (int i = 0; i < samples.Length; i++)
            {
                Assert.Equal(samples[i].Ref, decoded[i].Ref);
                Assert.Equal(samples[i].T, decoded[i].T);
                Assert.Equal(BitConverter.DoubleToUInt64Bits(samples[i].V), BitConverter.DoubleToUInt64Bits(decoded[i].V));
            }
        }, iter: 1000);
    }

    [Fact]
    public void Series_EncodeDecode_RoundTrips()
    {
        s_series.Array[0, 30].Sample(series =>
        {
            var decoder = new WalRecordDecoder();
            int size = 1 + series.Sum(s => WalRecordEncoder.SeriesEntrySize(s));
            var buffer = new byte[size];
            Assert.Equal(size, WalRecordEncoder.EncodeSeries(series, buffer));
            Assert.Equal(series, decoder.DecodeSeries(buffer).ToArray());
            Assert.Equal(series, decoder.DecodeSeries(buffer).ToArray());   // again, now from interned strings
        }, iter: 500);
    }

    [Fact]
    public void Samples_Encode_MatchesPrometheusBytes()
    {
        // record.Encoder.Samples: type 2, first ref and t as big-endian 64-bit, then zigzag varint deltas and raw value bits.
        RefSample[] samples = [new(new SeriesRef(5), 1000, 1.0), new(new SeriesRef(3), 1015, -2.5)];
        var buffer = new byte[WalRecordEncoder.MaxSamplesSize(2)];
        int n = WalRecordEncoder.EncodeSamples(samples, buffer);
        byte[] expected =
        [
            2,
            0, 0, 0, 0, 0, 0, 0, 5,
            0, 0, 0, 0, 0, 0, 0x03, 0xE8,
            0, 0, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0,              // Δref 0, Δt 0, 1.0
            3, 30, 0xC0, 0x04, 0, 0, 0, 0, 0, 0,             // Δref -2 → zigzag 3, Δt 15 → 30, -2.5
        ];
        Assert.Equal(expected, buffer[..n]);
    }

    [Fact]
    public void Series_Encode_MatchesPrometheusBytes()
    {
        // record.Encoder.Series: type 1, ref big-endian 64-bit, label count, then length-prefixed names and values.
        var buffer = new byte[64];
        int n = WalRecordEncoder.EncodeSeries([new RefSeries(new SeriesRef(0x0102), Labels.FromStrings("__name__", "up", "job", "a"))], buffer);
        byte[] expected =
        [
            1,
            0, 0, 0, 0, 0, 0, 1, 2,
            2,
            8, .. "__name__"u8, 2, .. "up"u8,
            3, .. "job"u8, 1, .. "a"u8,
        ];
        Assert.Equal(expected, buffer[..n]);
    }

    [Theory]
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 1, 0 })]             // sample without value
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, 5 })]                                         // header cut short
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 1, 0x80, 0x80 })]    // unterminated varint
    public void DecodeSamples_Truncated_ThrowsInvalidData(byte[] record)
    {
        Assert.Throws<InvalidDataException>(() => new WalRecordDecoder().DecodeSamples(record).ToArray());
    }

    [Fact]
    public void DecodeSeries_StringLongerThanRecord_ThrowsInvalidData()
    {
        byte[] record = [1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 50, (byte)'a'];
        var e = Assert.Throws<InvalidDataException>(() => new WalRecordDecoder().DecodeSeries(record).ToArray());
        Assert.Contains("exceeds the record", e.Message);
    }

    [Fact]
    public void DecodeSeries_LabelsOutOfOrder_AreNormalized()
    {
        byte[] record = [1, 0, 0, 0, 0, 0, 0, 0, 7, 2, 1, (byte)'b', 1, (byte)'2', 1, (byte)'a', 1, (byte)'1'];
        var s = Assert.Single(new WalRecordDecoder().DecodeSeries(record).ToArray());
        Assert.Equal(Labels.FromStrings("a", "1", "b", "2"), s.Labels);
        Assert.Equal(7UL, s.Ref.Value);
        Assert.Equal(7UL, BinaryPrimitives.ReadUInt64BigEndian(record.AsSpan(1)));
    }
}
