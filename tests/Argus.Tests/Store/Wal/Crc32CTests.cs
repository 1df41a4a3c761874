using System.Text;
using Argus.Store.Wal;
using CsCheck;

namespace Argus.Tests.Store.Wal;

public sealed class Crc32CTests
{
    [Fact]
    public void Compute_StandardCheckInput_IsE3069283()
    {
        byte[] check = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xE3069283u, Crc32C.Compute(check));
        Assert.Equal(0xE3069283u, Crc32C.ComputeSoftware(check));
    }

    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xC1D04330u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x22620404u)]
    public void Compute_KnownVectors_Match(string input, uint expected)
    {
        Assert.Equal(expected, Crc32C.Compute(Encoding.ASCII.GetBytes(input)));
        Assert.Equal(expected, Crc32C.ComputeSoftware(Encoding.ASCII.GetBytes(input)));
    }

    [Fact]
    public void Compute_HardwareAndTable_AgreeOnAnyInput()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
            Assert.Equal(Crc32C.ComputeSoftware(bytes), Crc32C.Compute(bytes)), iter: 2000);
    }

    [Fact]
    public void Append_Concatenation_EqualsWholeChecksum()
    {
        Gen.Select(Gen.Byte.Array[0, 100], Gen.Byte.Array[0, 100]).Sample((a, b) =>
            Assert.Equal(Crc32C.Compute([.. a, .. b]), Crc32C.Append(Crc32C.Compute(a), b)), iter: 1000);
    }
}
