using System.Buffers;
using System.Text;
using Argus.Collect.Exposition;
using Argus.Model;
using CsCheck;

namespace Argus.Tests.Collect.Exposition;

/// <summary>
/// Random and mutated bodies: the parser may only ever fail with <see cref="ExpositionException"/>, series it yields come from
/// lines before the failure, and whatever it accepts survives a write/parse round trip unchanged.
/// </summary>
public sealed class ExpositionFuzzTests
{
    // Bytes that matter to the grammar, plus a few that never do, so random bodies reach deep states.
    private static readonly byte[] s_syntaxBytes = "a_:{}=\",# \t\n\\0123456789.eE+-xpHELPTYPEUNITOFInfNa\r\0\u00ff"u8.ToArray();

    private static readonly Gen<byte> s_syntaxByte = Gen.Int[0, s_syntaxBytes.Length - 1].Select(i => s_syntaxBytes[i]);

    private static readonly Gen<byte[]> s_randomBody = Gen.Frequency(
        (1, Gen.Byte.Array[0, 200]),
        (3, s_syntaxByte.Array[0, 200]));

    private static readonly byte[][] s_corpus = BuildCorpus();

    private static byte[][] BuildCorpus()
    {
        var list = ExpositionFixture.All.Select(f => f.Body).ToList();
        byte[] node = File.ReadAllBytes(Path.Combine(ExpositionFixture.SharedDirectory, "compat", "samples", "node-exporter-1.5.0-debian.prom"));
        list.Add(node[..4000]);
        list.Add("# TYPE c counter\n# UNIT c_seconds seconds\nc_total{a=\"1\"} 1 1.5 # {t=\"x\"} 2 3\nc_created 1e9\n# EOF\n"u8.ToArray());
        return [.. list];
    }

    private static readonly Gen<byte[]> s_mutatedBody =
        from seed in Gen.Int[0, s_corpus.Length - 1]
        from edits in Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], s_syntaxByte).Array[1, 6]
        select Mutate(s_corpus[seed], edits);

    private static byte[] Mutate(byte[] body, (int Kind, int At, byte B)[] edits)
    {
        var b = new List<byte>(body);
        foreach (var (kind, at, value) in edits)
        {
            int i = b.Count == 0 ? 0 : at % b.Count;
            switch (kind)
            {
                case 0: b.Insert(i, value); break;
                case 1: if (b.Count > 0) b.RemoveAt(i); break;
                case 2: if (b.Count > 0) b[i] = value; break;
                default:
                    int len = Math.Min(8, b.Count - i);
                    b.InsertRange(i, b.GetRange(i, len));
                    break;
            }
        }
        return [.. b];
    }

    [Fact]
    public void Parse_RandomBytes_OnlyTypedErrors() =>
        s_randomBody.Sample(body => { Check(body, ExpositionFormat.PrometheusText); Check(body, ExpositionFormat.OpenMetrics); }, iter: 20_000);

    [Fact]
    public void Parse_MutatedValidBodies_OnlyTypedErrors() =>
        s_mutatedBody.Sample(body => { Check(body, ExpositionFormat.PrometheusText); Check(body, ExpositionFormat.OpenMetrics); }, iter: 20_000);

    private static void Check(byte[] body, ExpositionFormat format)
    {
        // Streaming: every series yielded before a failure lies on a line before (or at) the failing line.
        int lastSeriesLine = 0;
        ExpositionException? failure = null;
        var p = new ExpositionParser(body, format);
        try
        {
            ExpositionEntry e;
            while ((e = p.Next()) != ExpositionEntry.Eof)
            {
                if (e != ExpositionEntry.Series) continue;
                lastSeriesLine = p.LineNumber;
                p.BuildLabels();
                if (p.HasExemplar) p.BuildExemplarLabels();
            }
        }
        catch (ExpositionException ex)
        {
            failure = ex;
        }

        // Whole body: a rejected body gives no series at all; an accepted one gives the same verdict both ways.
        List<ParsedSeries>? all = null;
        try
        {
            all = ExpositionParser.ParseAll(body, format);
        }
        catch (ExpositionException ex)
        {
            Assert.NotNull(failure);
            Assert.Equal(failure!.Message, ex.Message);
            Assert.True(lastSeriesLine <= ex.Line, $"series on line {lastSeriesLine} after error on line {ex.Line}");
            Assert.True(ex.Line >= 1 && ex.Line <= body.Count(b => b == '\n') + 1);
        }
        if (all is null) return;
        Assert.Null(failure);
        RoundTrip(all);
    }

    private static void RoundTrip(List<ParsedSeries> series)
    {
        if (series.Any(s => s.TimestampMs < 0)) return;   // OpenMetrics accepts negative seconds; text 0.0.4 cannot carry them
        var families = series.Select(s => new MetricFamily(s.Labels.MetricNameValue, MetricType.Unknown, "", [new MetricPoint(s.Labels, s.Value, s.TimestampMs)]));
        var w = new ArrayBufferWriter<byte>();
        ExpositionWriter.Write(w, families);
        var again = ExpositionParser.ParseAll(w.WrittenSpan, ExpositionFormat.PrometheusText);
        Assert.Equal(series.Count, again.Count);
        for (int i = 0; i < series.Count; i++)
        {
            Assert.Equal(series[i].Labels, again[i].Labels);
            Assert.Equal(BitConverter.DoubleToUInt64Bits(series[i].Value), BitConverter.DoubleToUInt64Bits(again[i].Value));
            Assert.Equal(series[i].TimestampMs, again[i].TimestampMs);
        }
    }

    [Fact]
    public void Check_CatchesOnlyTypedErrors_ProvenOnAKnownBadBody()
    {
        // Guard against a vacuous fuzz test: a rejected body really goes through the failure branch.
        var ex = Assert.Throws<ExpositionException>(() => ExpositionParser.ParseAll(Encoding.UTF8.GetBytes("a 1\nb{"), ExpositionFormat.PrometheusText));
        Assert.Equal(2, ex.Line);
    }
}
