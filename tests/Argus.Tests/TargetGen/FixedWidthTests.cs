using System.Globalization;
using System.Text;
using Argus.TargetGen;
using CsCheck;

namespace Argus.Tests.TargetGen;

public sealed class FixedWidthTests
{
    [Theory]
    [InlineData(12.5, 2, 6, "012.50")]
    [InlineData(0.0, 0, 3, "000")]
    [InlineData(4096.0, 0, 4, "4096")]
    [InlineData(1.23456789, 4, 6, "1.2346")]
    public void TryWrite_ZeroPadsToTheSlot(double v, int decimals, int width, string expected)
    {
        var slot = new byte[width];
        Assert.True(FixedWidth.TryWrite(slot, v, decimals));
        Assert.Equal(expected, Encoding.ASCII.GetString(slot));
    }

    [Theory]
    [InlineData(1000.0, 0, 3)]
    [InlineData(10.0, 2, 4)]
    [InlineData(-1.0, 0, 4)]
    [InlineData(double.NaN, 0, 4)]
    public void TryWrite_DoesNotFit_ReturnsFalse(double v, int decimals, int width) =>
        Assert.False(FixedWidth.TryWrite(new byte[width], v, decimals));

    [Fact]
    public void TryWrite_ParsesBackToTheRoundedValue() =>
        Gen.Select(Gen.Double[0, 1e12], Gen.Int[0, 4]).Sample((v, decimals) =>
        {
            int width = FixedWidth.Width(FixedWidth.IntegerDigits(v) + 1, decimals);
            var slot = new byte[width];
            Assert.True(FixedWidth.TryWrite(slot, v, decimals));
            double back = double.Parse(Encoding.ASCII.GetString(slot), CultureInfo.InvariantCulture);
            Assert.Equal(Math.Round(v * Math.Pow(10, decimals)) / Math.Pow(10, decimals), back, 1e-9 * Math.Max(1, v));
        });

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.05, "0.05")]
    [InlineData(64e9, "64000000000.0")]
    public void PythonRepr_WritesAsPython(double v, string expected) => Assert.Equal(expected, FixedWidth.PythonRepr(v));
}
