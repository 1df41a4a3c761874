using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Argus.Query.Parser;
using Argus.Template;
using Xunit;

namespace Argus.Tests.Faults.Fuzzing;

/// <summary>
/// The CI-bounded fuzz run, without AFL or libFuzzer: each target replays its corpus (fuzz/corpus/&lt;target&gt;), then
/// mutations of it (bit flips, byte edits, deleted, repeated and spliced ranges, format tokens) from a fixed seed for a
/// couple of seconds (and at least 100), then hand-made hostile inputs. A failure names the seed and the input to reproduce it with
/// <c>Argus.Fuzz &lt;target&gt; --replay</c>. Longer, coverage-guided runs: docs/faults.md.
/// </summary>
public sealed class FuzzReplayTests
{
    /// <summary>2 s per target in CI; ARGUS_FUZZ_SECONDS lengthens a local run.</summary>
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(EnvInt("ARGUS_FUZZ_SECONDS") ?? 2);

    /// <summary>Fixed so that CI is repeatable; ARGUS_FUZZ_SEED explores other mutations locally.</summary>
    private static readonly int Seed = EnvInt("ARGUS_FUZZ_SEED") ?? 20261125;

    private static int? EnvInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.NumberStyles.Integer,
            System.Globalization.CultureInfo.InvariantCulture, out int v) ? v : null;

    /// <summary>At least this many mutations per target however slow the machine: the budget is a floor on time, not a cap on work.</summary>
    private const int MinMutations = 100;

    private static readonly Dictionary<string, string[]> s_tokens = new()
    {
        ["exposition"] = ["\n", "{", "}", "=\"", "\",", "\\", "# HELP ", "# TYPE ", " counter\n", " histogram\n", "# EOF\n", " # {", "_bucket{le=\"", "+Inf", "NaN", " 1e308 ", "\xff", "\"", "_total", "# UNIT "],
        ["promql"] = ["(", ")", "{", "}", "[5m]", "[5m:1m]", " offset 1h", " @ end()", "sum by (a) ", "rate(", ",", "\"", "=~", "!=", " + ", " / on(a) group_left(b) ", " ^ ", "-", "1e400", "0x", "`", "\\u00e9"],
        ["template"] = ["{{", "}}", "{{-", "-}}", "(", ")", "|", "$", ".", "{{ end }}", "{{ if ", "{{ range ", "{{ else }}", "{{ define \"", "{{ template \"", "\"", "`", ":=", "'", "/*", "*/"],
        ["config"] = ["\n", "\n  ", ": ", "- ", "{", "}", "[", "]", "&a ", "*a", "<<: *a", "scrape_configs:\n- job_name: ", "regex: (", "!!binary ", "%TAG ", "'", "\"", "1e999", "-1s", "static_configs:"],
    };

    /// <summary>Mutation tokens of the binary targets: protobuf tags and lengths, varint extremes, snappy element headers.</summary>
    private static readonly Dictionary<string, byte[][]> s_binaryTokens = new()
    {
        ["remote-write"] =
        [
            [0x0a], [0x12], [0x1a], [0x22], [0x09], [0x10], [0x18], [0x0b], [0x0c], [0x00], [0x7f], [0x80, 0x01],
            [0xff, 0xff, 0xff, 0xff, 0x0f], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
            [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], [0x09, 0x02, 0, 0, 0, 0, 0, 0xf0, 0x7f],
            [0xf0, 0xff, 0xff], [0xfc, 0xff, 0xff, 0xff, 0xff], [0x02, 0xff, 0xff], [0x01, 0xff], [0x03, 0xff, 0xff, 0xff, 0xff],
            "__name__"u8.ToArray(), [0xc3, 0x28],
        ],
        ["remote-read"] =
        [
            [0x0a], [0x12], [0x1a], [0x22], [0x08], [0x10], [0x18], [0x00], [0x7f], [0x80, 0x01], [0x04],
            [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], [0xf0, 0xff, 0xff], [0x02, 0xff, 0xff],
            "(a+)+$"u8.ToArray(), "["u8.ToArray(), "\\"u8.ToArray(), ".*"u8.ToArray(), "__name__"u8.ToArray(), [0xc3, 0x28],
        ],
    };

    public static TheoryData<string> Targets() => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Corpus_and_mutations_are_accepted_or_rejected_cleanly(string target)
    {
        var corpus = Directory.EnumerateFiles(Path.Combine(RepoRoot, "fuzz", "corpus", target)).Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes).ToList();
        Assert.NotEmpty(corpus);
        foreach (var input in corpus) RunOne(target, input, "corpus");

        var random = new Random(Seed ^ target.GetHashCode(StringComparison.Ordinal) & 0x7fff);
        var tokens = s_binaryTokens.TryGetValue(target, out var binary) ? binary : s_tokens[target].Select(Encoding.UTF8.GetBytes).ToArray();
        var sw = Stopwatch.StartNew();
        int runs = 0;
        while (sw.Elapsed < s_budget || runs < MinMutations)
        {
            var input = Mutate(random, corpus[random.Next(corpus.Count)], corpus, tokens, 1 + random.Next(8));
            RunOne(target, input, $"mutation {runs} (seed {Seed})");
            runs++;
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Hostile_inputs_are_rejected_without_crashing(string target)
    {
        foreach (var (name, input) in Hostile(target)) RunOne(target, input, name);
    }

    [Fact]
    public void Remote_seeds_are_valid_requests_so_mutations_start_from_real_bodies()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot, "fuzz", "corpus", "remote-write")))
        {
            var body = File.ReadAllBytes(file);
            var request = file.EndsWith(".snappy", StringComparison.Ordinal)
                ? global::Argus.Remote.Protocol.WriteRequestDecoder.DecodeSnappy(body)
                : global::Argus.Remote.Protocol.WriteRequestDecoder.Decode(body);
            Assert.True(request.Timeseries.Count > 0 || Path.GetFileName(file) == "empty.snappy", file);
        }
        var handler = new global::Argus.Remote.Read.RemoteReadHandler(() => throw new InvalidOperationException(),
            () => global::Argus.Model.Labels.Empty, new global::Argus.Remote.Read.RemoteReadOptions());
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot, "fuzz", "corpus", "remote-read")))
        {
            var body = File.ReadAllBytes(file);
            var request = file.EndsWith(".snappy", StringComparison.Ordinal)
                ? handler.Decode(body)
                : global::Argus.Remote.Read.ReadRequest.Parse(body);
            Assert.NotEmpty(request.Queries);
        }
    }

    [Fact]
    public void PromQL_nesting_beyond_the_limit_is_a_parse_error_not_a_stack_overflow()
    {
        string atLimit = new string('(', PromQLParser.MaxHeight - 10) + "1" + new string(')', PromQLParser.MaxHeight - 10);
        Assert.IsType<ParenExpr>(PromQLParser.ParseExpr(atLimit));
        foreach (var deep in new[]
        {
            new string('(', 200_000) + "1" + new string(')', 200_000),
            string.Concat(Enumerable.Repeat("1+", 200_000)) + "1",
            "2" + string.Concat(Enumerable.Repeat("^2", 200_000)),
            new string('-', 200_000) + "1",
            string.Concat(Enumerable.Repeat("abs(", 200_000)) + "x" + new string(')', 200_000),
            "x" + string.Concat(Enumerable.Repeat("[1m:]", 5_000)),
        })
        {
            var e = Assert.Throws<PromQLParseException>(() => PromQLParser.ParseExpr(deep));
            Assert.Contains("nested too deeply", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Template_nesting_beyond_the_limit_is_Gos_error_not_a_stack_overflow()
    {
        string parens = "{{ " + new string('(', 100_000) + "1" + new string(')', 100_000) + " }}";
        string ifs = string.Concat(Enumerable.Repeat("{{ if 1 }}", 100_000)) + string.Concat(Enumerable.Repeat("{{ end }}", 100_000));
        foreach (var deep in new[] { parens, ifs })
        {
            var e = Assert.Throws<TemplateException>(() => GoTemplate.Parse("t", deep));
            Assert.Contains("max expression depth exceeded", e.Message, StringComparison.Ordinal);
        }
        int ok = global::Argus.Template.Parser.MaxDepth - 1;
        var t = GoTemplate.Parse("t", "{{ " + new string('(', ok) + "1" + new string(')', ok) + " }}");
        Assert.Equal("1", t.Execute(null));
    }

    private static IEnumerable<(string, byte[])> Hostile(string target)
    {
        yield return ("empty", []);
        yield return ("NUL bytes", new byte[4096]);
        yield return ("invalid UTF-8", [0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0xed, 0xa0, 0x80]);
        var random = new Random(Seed);
        var noise = new byte[64 * 1024];
        random.NextBytes(noise);
        yield return ("64 KiB of noise", noise);
        switch (target)
        {
            case "exposition":
                yield return ("100k labels on one series", Encoding.UTF8.GetBytes("m{" + string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"l{i}=\"v\"")) + "} 1\n"));
                yield return ("1 MB label value", Encoding.UTF8.GetBytes("m{l=\"" + new string('x', 1 << 20) + "\"} 1\n"));
                yield return ("unterminated quote", "m{l=\"\\\"\\\\\\"u8.ToArray());
                yield return ("1 MB metric name", Encoding.UTF8.GetBytes(new string('m', 1 << 20) + " 1\n"));
                yield return ("open metrics without EOF", "# TYPE a counter\na_total 1\n"u8.ToArray());
                break;
            case "promql":
                yield return ("deep parentheses", Encoding.UTF8.GetBytes(new string('(', 100_000)));
                yield return ("10 MB selector", Encoding.UTF8.GetBytes("x{a=\"" + new string('v', 10 << 20) + "\"}"));
                yield return ("unterminated string", "x{a=\"\\"u8.ToArray());
                break;
            case "template":
                yield return ("deep parentheses", Encoding.UTF8.GetBytes("{{" + new string('(', 100_000)));
                yield return ("unclosed action", "{{ if"u8.ToArray());
                break;
            case "remote-write" or "remote-read":
                foreach (var input in HostileRemote()) yield return input;
                break;
            case "config":
                yield return ("deep YAML flow nesting", Encoding.UTF8.GetBytes("global: " + new string('[', 100_000)));
                yield return ("deep YAML block nesting", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2_000).Select(i => new string(' ', i) + "a:\n"))));
                yield return ("alias bomb", Encoding.UTF8.GetBytes("a: &a [x, x, x, x, x, x, x, x, x]\n" + string.Concat(Enumerable.Range(1, 8).Select(i => $"{(char)('a' + i)}: &{(char)('a' + i)} [*{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}]\n"))));
                yield return ("catastrophic regex", "scrape_configs:\n- job_name: j\n  relabel_configs:\n  - regex: '(a+)+$'\n    source_labels: [x]\n"u8.ToArray());
                break;
        }
    }

    /// <summary>Bodies that lie about their sizes or nest and repeat without end, snappy-framed and bare.</summary>
    private static IEnumerable<(string, byte[])> HostileRemote()
    {
        yield return ("snappy declaring 2 GiB", [0xff, 0xff, 0xff, 0xff, 0x07, 0x00]);
        yield return ("snappy declaring 2^64", [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00]);
        yield return ("snappy varint of 11 bytes", [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
        yield return ("snappy copy before the start", [0x10, 0x02, 0x05, 0x00]);
        yield return ("snappy copy with offset 0", [0x10, 0x00, 0x41, 0x0e, 0x00, 0x00]);
        yield return ("snappy literal past the end", [0x10, 0xf0, 0xff, 0xff, 0x41]);
        yield return ("snappy shorter than declared", [0x10, 0x08, 0x41, 0x42, 0x43]);
        yield return ("snappy longer than declared", [0x01, 0x08, 0x41, 0x42, 0x43]);
        yield return ("length beyond the message", [0x0a, 0xff, 0xff, 0xff, 0xff, 0x07, 0x0a]);
        yield return ("length of 2^64", [0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
        yield return ("field number 0", [0x02, 0x00]);
        yield return ("field number 2^29", [0xfa, 0xff, 0xff, 0xff, 0x0f, 0x00]);
        yield return ("group wire types", [0x0b, 0x0c, 0x0f]);
        yield return ("series field as varint", [0x08, 0x01]);
        yield return ("sample value as varint", [0x0a, 0x04, 0x12, 0x02, 0x08, 0x01]);
        yield return ("fixed64 cut short", [0x0a, 0x05, 0x12, 0x03, 0x09, 0x00, 0x00]);
        var labels = new List<byte>();
        for (int i = 0; i < 100_000; i++) labels.AddRange([0x0a, 0x04, 0x0a, 0x00, 0x12, 0x00]);
        yield return ("100k empty labels in one series", Wrap(0x0a, labels));
        yield return ("128k empty series", Enumerable.Repeat(new byte[] { 0x0a, 0x00 }, 1 << 17).SelectMany(b => b).ToArray());
        var nested = new List<byte> { 0x08, 0x01 };
        for (int i = 0; i < 2000; i++) nested = [.. Wrap(0x0a, nested)];
        yield return ("2000 nested messages", [.. nested]);
        byte[] matchers = [.. Enumerable.Repeat(new byte[] { 0x1a, 0x06, 0x08, 0x02, 0x12, 0x00, 0x1a, 0x00 }, 10_000).SelectMany(b => b)];
        yield return ("10k regex matchers", Wrap(0x0a, matchers));
        yield return ("catastrophic matcher regex", Wrap(0x0a, Wrap(0x1a, [0x08, 0x02, 0x12, 0x01, (byte)'a', 0x1a, 0x06, .. "(a+)+$"u8])));
        yield return ("packed response types cut short", [0x12, 0x03, 0x01, 0x80]);
    }

    private static byte[] Wrap(byte tag, IReadOnlyCollection<byte> body)
    {
        var bytes = new List<byte>(body.Count + 11) { tag };
        ulong n = (ulong)body.Count;
        while (n >= 0x80)
        {
            bytes.Add((byte)(n | 0x80));
            n >>= 7;
        }
        bytes.Add((byte)n);
        bytes.AddRange(body);
        return [.. bytes];
    }

    private static void RunOne(string target, byte[] input, string what)
    {
        try
        {
            FuzzTargets.Run(target, input);
        }
        catch (Exception e)
        {
            string preview = Convert.ToBase64String(input.AsSpan(0, Math.Min(input.Length, 4096)));
            Assert.Fail($"fuzz target {target}, {what}: {e.GetType().Name}: {e.Message}\ninput ({input.Length} bytes, base64 of the first 4 KiB): {preview}\n{e}");
        }
    }

    private static byte[] Mutate(Random random, byte[] seed, List<byte[]> corpus, byte[][] tokens, int edits)
    {
        var b = new List<byte>(seed);
        for (int i = 0; i < edits; i++)
        {
            int at = b.Count == 0 ? 0 : random.Next(b.Count);
            switch (random.Next(7))
            {
                case 0 when b.Count > 0:
                    b[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when b.Count > 0:
                    b[at] = (byte)random.Next(256);
                    break;
                case 2:
                    b.Insert(at, (byte)random.Next(256));
                    break;
                case 3 when b.Count > 0:
                    b.RemoveRange(at, Math.Min(b.Count - at, 1 + random.Next(16)));
                    break;
                case 4 when b.Count > 0:
                    {
                        int len = Math.Min(b.Count - at, 1 + random.Next(32));
                        var piece = b.GetRange(at, len);
                        int times = 1 + random.Next(4);
                        for (int k = 0; k < times; k++) b.InsertRange(at, piece);
                        break;
                    }
                case 5:
                    {
                        var other = corpus[random.Next(corpus.Count)];
                        if (other.Length == 0) break;
                        int from = random.Next(other.Length);
                        b.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + random.Next(64))).ToArray());
                        break;
                    }
                default:
                    b.InsertRange(at, tokens[random.Next(tokens.Length)]);
                    break;
            }
        }
        return [.. b];
    }

    private static string RepoRoot { get; } = Locate();

    private static string Locate([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", ".."));
}
