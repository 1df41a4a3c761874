using Argus.Store.Chunks;
using BenchmarkDotNet.Attributes;

namespace Argus.Bench;

/// <summary>
/// Encode and decode one full chunk (120 samples, a 15 s scrape of a slowly growing counter) in the head's XOR encoding
/// and in the decimal encoding blocks use for such values (encoding there includes finding the scale and planning codes).
/// </summary>
[MemoryDiagnoser]
public class ChunkBenchmarks
{
    private const int Samples = XorChunk.TargetSamples;
    private readonly long[] _t = new long[Samples];
    private readonly double[] _v = new double[Samples];
    private readonly XorIterator _iterator = new();
    private readonly DecimalChunkEncoder _decimalEncoder = new();
    private readonly DecimalIterator _decimalIterator = new();
    private ChunkSnapshot _encoded;
    private byte[] _decimal = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        double v = 1000;
        for (int i = 0; i < Samples; i++)
        {
            _t[i] = 1_700_000_000_000 + i * 15_000L + rng.Next(-3, 4); // scrape jitter of a few ms
            v += rng.Next(0, 20);
            _v[i] = v;
        }
        _encoded = Encode().Snapshot();
        if (!_decimalEncoder.TryEncode(_t, _v, int.MaxValue, out var d)) throw new InvalidOperationException("BUG: counter values not decimal");
        _decimal = d.ToArray();
        Console.WriteLine($"// chunk bytes: XOR {_encoded.Length}, decimal {_decimal.Length}");
    }

    [Benchmark]
    public XorChunk Encode()
    {
        var chunk = new XorChunk(160);
        for (int i = 0; i < Samples; i++) chunk.Append(_t[i], _v[i]);
        return chunk;
    }

    [Benchmark]
    public double Decode()
    {
        _iterator.Reset(_encoded);
        double sum = 0;
        while (_iterator.Next()) sum += _iterator.V;
        return sum;
    }

    [Benchmark]
    public int DecimalEncode() => _decimalEncoder.TryEncode(_t, _v, int.MaxValue, out var encoded) ? encoded.Length : 0;

    [Benchmark]
    public double DecimalDecode()
    {
        _decimalIterator.Reset(_decimal, _decimal.Length);
        double sum = 0;
        while (_decimalIterator.Next()) sum += _decimalIterator.V;
        return sum;
    }
}
