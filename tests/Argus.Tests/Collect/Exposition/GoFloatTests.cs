using System.Globalization;
using System.Text;
using Argus.Collect.Exposition;
using Argus.Model;
using CsCheck;

namespace Argus.Tests.Collect.Exposition;

public sealed class GoFloatTests
{
    // Expected strings are Go's strconv.FormatFloat(v, 'g', -1, 64) (client_golang's writeFloat), specials as Prometheus spells them.
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.0, "-1")]
    [InlineData(0.5, "0.5")]
    [InlineData(100000.0, "100000")]
    [InlineData(999999.0, "999999")]
    [InlineData(1e6, "1e+06")]
    [InlineData(123456789.0, "1.23456789e+08")]
    [InlineData(1394664.0, "1.394664e+06")]
    [InlineData(1234567.5, "1.2345675e+06")]
    [InlineData(123456.7, "123456.7")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.000106759, "0.000106759")]
    [InlineData(1.6094e-05, "1.6094e-05")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e100, "1e+100")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Format_MatchesGo(double v, string expected)
    {
        Span<byte> buf = stackalloc byte[GoFloat.MaxFormattedLength];
        int n = GoFloat.Format(v, buf);
        Assert.Equal(expected, Encoding.ASCII.GetString(buf[..n]));
    }

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("-1.5", -1.5)]
    [InlineData("+1", 1.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("1.5E-3", 0.0015)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("-0", -0.0)]
    [InlineData("0.000106759", 0.000106759)]
    [InlineData("1e-400", 0.0)]
    [InlineData("123456789012345678901234567890", 1.2345678901234568e+29)]
    [InlineData("0.1000000000000000055511151231257827", 0.1)]
    [InlineData("Inf", double.PositiveInfinity)]
    [InlineData("+inf", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("INFINITY", double.PositiveInfinity)]
    public void TryParse_Valid(string s, double expected)
    {
        Assert.Equal(FloatParseError.None, GoFloat.TryParse(Encoding.ASCII.GetBytes(s), out double v));
        Assert.Equal(BitConverter.DoubleToUInt64Bits(expected), BitConverter.DoubleToUInt64Bits(v));
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("NaN")]
    [InlineData("NAN")]
    public void TryParse_NaN_IsNormalNaN(string s)
    {
        Assert.Equal(FloatParseError.None, GoFloat.TryParse(Encoding.ASCII.GetBytes(s), out double v));
        Assert.Equal(0x7ff8000000000001UL, BitConverter.DoubleToUInt64Bits(v));
        Assert.False(StaleNaN.IsStale(v));
    }

    [Theory]
    [InlineData("0x1p3", "UnsupportedCharacter")]
    [InlineData("1_000", "UnsupportedCharacter")]
    [InlineData("0x10", "Syntax")]
    [InlineData("", "Syntax")]
    [InlineData("+", "Syntax")]
    [InlineData(".", "Syntax")]
    [InlineData("e5", "Syntax")]
    [InlineData("1e", "Syntax")]
    [InlineData("1e+", "Syntax")]
    [InlineData("--1", "Syntax")]
    [InlineData("1.2.3", "Syntax")]
    [InlineData("1 ", "Syntax")]
    [InlineData("1\r", "Syntax")]
    [InlineData("infin", "Syntax")]
    [InlineData("+nan", "Syntax")]
    [InlineData("1e400", "Range")]
    [InlineData("-1e309", "Range")]
    public void TryParse_Invalid(string s, string expected) =>
        Assert.Equal(expected, GoFloat.TryParse(Encoding.ASCII.GetBytes(s), out _).ToString());

    [Fact]
    public void FormatThenParse_AnyDouble_BitIdenticalExceptNaN()
    {
        Gen.ULong.Select(BitConverter.UInt64BitsToDouble).Sample(v =>
        {
            Span<byte> buf = stackalloc byte[GoFloat.MaxFormattedLength];
            int n = GoFloat.Format(v, buf);
            Assert.Equal(FloatParseError.None, GoFloat.TryParse(buf[..n], out double back));
            ulong expected = double.IsNaN(v) ? GoFloat.NormalNaNBits : BitConverter.DoubleToUInt64Bits(v);
            Assert.Equal(expected, BitConverter.DoubleToUInt64Bits(back));
        }, iter: 20_000);
    }

    [Fact]
    public void TryParse_DecimalStrings_AgreeWithRuntimeParser()
    {
        var gen = from intPart in Gen.String[Gen.Char['0', '9'], 0, 25]
                  from frac in Gen.String[Gen.Char['0', '9'], 0, 25]
                  from exp in Gen.Int[-330, 330]
                  from useExp in Gen.Bool
                  where intPart.Length + frac.Length > 0
                  select intPart + (frac.Length > 0 ? "." + frac : "") + (useExp ? "e" + exp.ToString(CultureInfo.InvariantCulture) : "");
        gen.Sample(s =>
        {
            double expected = double.Parse(s, CultureInfo.InvariantCulture);
            var error = GoFloat.TryParse(Encoding.ASCII.GetBytes(s), out double v);
            if (double.IsInfinity(expected))
            {
                Assert.Equal(FloatParseError.Range, error);
            }
            else
            {
                Assert.Equal(FloatParseError.None, error);
                Assert.Equal(BitConverter.DoubleToUInt64Bits(expected), BitConverter.DoubleToUInt64Bits(v));
            }
        }, iter: 20_000);
    }
}
