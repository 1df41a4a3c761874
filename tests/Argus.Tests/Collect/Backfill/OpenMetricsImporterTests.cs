using System.Text;
using Argus.Model;
using Argus.Collect.Backfill;
using Argus.Store.Blocks;
using Argus.Tests.Store.Blocks;

namespace Argus.Tests.Collect.Backfill;

public sealed class OpenMetricsImporterTests : IDisposable
{
    private const long H2 = 2 * 3600_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-backfill-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Body(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Import_ValidFile_WritesOneBlockPer2hRange()
    {
        // Samples at 1h, 3h and 3h30 (seconds, as OpenMetrics has them): two ranges [0,2h) and [2h,4h).
        var body = Body("""
            # TYPE http_requests counter
            http_requests_total{code="200"} 1 3600
            http_requests_total{code="200"} 5 10800
            http_requests_total{code="500"} 2.5 12600.5
            # TYPE temp gauge
            temp 21 3600
            # EOF

            """);
        var metas = new OpenMetricsImporter().Import(body, _dir, nowMs: 1);
        Assert.Equal([(0L, H2), (H2, 2 * H2)], metas.Select(m => (m.MinTime, m.MaxTime)).Order());
        Assert.Equal(4, metas.Sum(m => m.Stats.NumSamples));
        Assert.Equal(2, Directory.GetDirectories(_dir).Length); // staging directory gone

        var blocks = metas.Select(m => Block.Open(Path.Combine(_dir, m.Ulid))).ToList();
        using var q = new MergeQuerier(blocks.Select(b => b.Querier(0, 2 * H2)).ToList(), 0, 2 * H2);
        var got = StoreRead.Flat(q);
        Assert.Equal(
        [
            (Labels.FromStrings("__name__", "http_requests_total", "code", "200"), 3_600_000L, 1.0),
            (Labels.FromStrings("__name__", "http_requests_total", "code", "200"), 10_800_000L, 5.0),
            (Labels.FromStrings("__name__", "http_requests_total", "code", "500"), 12_600_500L, 2.5),
            (Labels.FromStrings("__name__", "temp"), 3_600_000L, 21.0),
        ], got);
        foreach (var b in blocks) b.Dispose();
    }

    [Theory]
    [InlineData("a 1 10\na{ 2 20\n# EOF\n", 2)]                 // syntax error
    [InlineData("a 1 10\nb 2\n# EOF\n", 2)]                    // no timestamp
    [InlineData("a 1 10\na 2 5\n# EOF\n", 2)]                  // out of order
    [InlineData("a 1 10\na 2 10\n# EOF\n", 2)]                 // conflicting duplicate
    [InlineData("a 1 10\nb 1 10\n", 3)]                         // missing # EOF: reported at the end
    public void Import_MalformedLine_ThrowsWithLineAndWritesNothing(string text, int line)
    {
        var e = Assert.Throws<BackfillException>(() => new OpenMetricsImporter().Import(Body(text), _dir, 1));
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"input:{line}: ", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Import_IdenticalRepeat_IsStoredOnce()
    {
        var metas = new OpenMetricsImporter().Import(Body("a 1 10\na 1 10\na 2 20\n# EOF\n"), _dir, 1);
        Assert.Equal(2, Assert.Single(metas).Stats.NumSamples);
    }

    /// <summary>A file with families, histograms and repeated series, written for the piece tests.</summary>
    private string WriteFile(int series, int samplesPerSeries)
    {
        var sb = new StringBuilder();
        sb.Append("# HELP req Requests.\n# TYPE req counter\n");
        for (int s = 0; s < series; s++)
        {
            for (int i = 0; i < samplesPerSeries; i++) sb.Append($"req_total{{pod=\"p{s}\",path=\"/a\\\"b\"}} {s * 1000 + i} {600 + i * 15}\n");
        }
        sb.Append("# TYPE lat histogram\n");
        foreach (var le in new[] { "0.1", "1", "+Inf" })
        {
            for (int i = 0; i < samplesPerSeries; i++) sb.Append($"lat_bucket{{le=\"{le}\"}} {i} {600 + i * 15}\n");
        }
        sb.Append("# EOF\n");
        string path = Path.Combine(Directory.CreateTempSubdirectory("argus-backfill-in-").FullName, "in.om");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>Parses a file into a spill beside it and reads every series back through the import querier.</summary>
    private static List<(Labels Labels, List<Sample> Samples)> ParseAll(OpenMetricsImporter importer, string file)
    {
        using var spill = new SampleSpill(Path.Combine(Path.GetDirectoryName(file)!, "spill-" + Guid.NewGuid().ToString("N")));
        var state = new OpenMetricsImporter.ParseState(spill, H2);
        importer.ParseFileInto(file, "in.om", state);
        using var q = new ImportQuerier(state.Sorted(), spill, long.MinValue, long.MaxValue);
        return StoreRead.All(q);
    }

    [Fact]
    public void Import_InterleavedSeriesOverManyRanges_EachBlockHoldsItsRangeFromTheSpill()
    {
        // Three series scraped together (one line each per timestamp) every 10 min for 13 h: 7 block ranges, and each
        // series' samples are runs of one record between the others' in the spill. Values are decimal and not.
        var text = new StringBuilder();
        var want = new Dictionary<Labels, List<Sample>>();
        for (int i = 0; i <= 78; i++)
        {
            long ts = 1_700_000_000 + i * 600L;
            foreach (var (name, v) in new[] { ("a_total", i * 3.0), ("b", i * 0.25), ("c", Math.Sqrt(i)) })
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{name} {v:R} {ts}\n");
                var l = Labels.FromStrings("__name__", name);
                if (!want.TryGetValue(l, out var list)) want[l] = list = [];
                list.Add(new Sample(ts * 1000, v));
            }
        }
        text.Append("# EOF\n");

        var metas = new OpenMetricsImporter(pieceBytes: 200).Import(Body(text.ToString()), _dir, 1);

        Assert.Equal(7, metas.Count);
        Assert.Equal(metas.Count, Directory.GetDirectories(_dir).Length); // the staging directory and its spill are gone
        var blocks = metas.Select(m => Block.Open(Path.Combine(_dir, m.Ulid))).ToList();
        using (var q = new MergeQuerier(blocks.Select(b => b.Querier(long.MinValue, long.MaxValue)).ToList(), long.MinValue, long.MaxValue))
        {
            var got = StoreRead.All(q);
            Assert.Equal(want.Keys.Order(Comparer<Labels>.Create(Labels.Compare)), got.Select(g => g.Labels));
            foreach (var (labels, samples) in got) Assert.Equal(want[labels], samples);
        }
        Assert.All(metas, m => Assert.Equal(0, m.MinTime % H2));
        foreach (var b in blocks) b.Dispose();
    }

    [Fact]
    public void Import_FileInSmallPieces_SameSeriesAndSamplesAsInOnePiece()
    {
        string file = WriteFile(series: 40, samplesPerSeries: 30);
        try
        {
            var whole = ParseAll(new OpenMetricsImporter(), file);
            var pieces = ParseAll(new OpenMetricsImporter(pieceBytes: 333), file);
            Assert.Equal(43, pieces.Count);
            Assert.Equal(whole.Select(s => s.Labels), pieces.Select(s => s.Labels));
            Assert.Equal(whole.SelectMany(s => s.Samples), pieces.SelectMany(s => s.Samples));
            Assert.Equal(43 * 30, whole.Sum(s => s.Samples.Count));
            var metas = new OpenMetricsImporter(pieceBytes: 333).Import(file, _dir, 1);
            Assert.Equal(43 * 30, metas.Sum(m => m.Stats.NumSamples));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void Import_FileInSmallPieces_ErrorNamesTheLineInTheWholeFile()
    {
        string file = WriteFile(series: 20, samplesPerSeries: 10);
        try
        {
            var lines = File.ReadAllLines(file).ToList();
            lines[150] = "req_total{pod=\"p9\"} 1";  // line 151: no timestamp, far beyond the first piece
            File.WriteAllLines(file, lines);
            var e = Assert.Throws<BackfillException>(() => new OpenMetricsImporter(pieceBytes: 500).Import(file, _dir, 1));
            Assert.Equal(151, e.Line);
            Assert.Contains("no timestamp", e.Message);
            Assert.Empty(Directory.GetFileSystemEntries(_dir));

            File.WriteAllText(file, "a 1 10\n" + new string('x', 600) + " 1 10\n# EOF\n");
            e = Assert.Throws<BackfillException>(() => new OpenMetricsImporter(pieceBytes: 500).Import(file, _dir, 1));
            Assert.Equal(2, e.Line);
            Assert.Contains("line longer than 500 bytes", e.Message);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }
}
