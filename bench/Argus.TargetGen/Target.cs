using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Argus.TargetGen;

/// <summary>
/// One synthetic Kubernetes node (targets.py's Target): the same series shapes and value model, served from a pre-rendered
/// response whose value digits are rewritten in place at most once per refresh period. The body's text is laid out once
/// (start, churn, or a value outgrowing its zero-padded slot); a refresh costs one arithmetic update and a few digit writes
/// per series, a scrape costs one send of an existing array.
/// </summary>
/// <remarks>Thread-safe: connections of any port call <see cref="Acquire"/>/<see cref="Release"/>; one lock per target.</remarks>
internal sealed partial class Target
{
    private const int NoisePool = 1 << 16;

    // Counter increments ×U(0.5, 1.5) and gauge jitter ×N(1, 0.01) clipped to [0.95, 1.05], as targets.py's pools.
    private static readonly double[] s_noiseCounter = MakeNoise(12345, gauge: false);
    private static readonly double[] s_noiseGauge = MakeNoise(12346, gauge: true);

    private static readonly byte[] s_header = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: "u8.ToArray();

    private readonly Lock _lock = new();
    private readonly int _idx;
    private readonly int _seed;
    private readonly bool _k8s;
    private readonly double _headroomSeconds;
    private readonly Random _rng;
    private readonly string _node;
    private readonly int _ncpu;
    private readonly ApiserverHistogram? _hist;
    private readonly List<Pod> _pods = [];
    private readonly int _pad;
    private HashSet<int> _churned = [];
    private List<Family> _families;

    private ResponseBuffer? _current;
    private readonly List<ResponseBuffer> _spares = [];
    private int _layoutVersion;
    private bool _layoutDirty = true;
    private bool _rendered;
    private double _lastRender;

    private long _scrapes, _samplesServed, _bytesServed;

    /// <param name="idx">Target index (port = base + idx); seeds its values and names its node.</param>
    /// <param name="series">Series requested per target (exact for S ≥ ~300, as in targets.py).</param>
    /// <param name="headroomSeconds">How long counters must fit their slots before a re-layout (the generator's max runtime).</param>
    public Target(int idx, int series, int seed, bool k8sValueModel, double headroomSeconds)
    {
        _idx = idx;
        _seed = seed;
        _k8s = k8sValueModel;
        _headroomSeconds = headroomSeconds;
        _rng = new Random(seed * 1000003 + idx);
        _node = $"node-{idx:D4}";
        _ncpu = series >= 400 ? 8 : 2;
        _hist = series >= 400 ? new ApiserverHistogram(_rng, 3, 4) : null;
        int fixedSeries = _ncpu * Vocabulary.CpuModes.Length + 8 + 6 + 4 + 4 + 3 + (_hist?.SeriesCount ?? 0);
        int budget = Math.Max(0, series - fixedSeries);
        for (int i = 0; ; i++)
        {
            int containers = 1 + i % 3;
            int cost = 14 + 11 * containers;
            if (budget < cost) break;
            _pods.Add(new Pod(_rng, i, containers));
            budget -= cost;
        }
        _pad = budget;
        _families = Build(null);
        SeriesCount = CountSeries();
    }

    public int SeriesCount { get; private set; }

    public int Renders { get; private set; }

    public double RenderSeconds { get; private set; }

    public long Scrapes => Interlocked.Read(ref _scrapes);

    public long SamplesServed => Interlocked.Read(ref _samplesServed);

    public long BytesServed => Interlocked.Read(ref _bytesServed);

    /// <summary>
    /// The response to send now, refreshed first if the last render is at least <paramref name="refreshSeconds"/> old (as
    /// targets.py renders lazily on scrape). The caller must <see cref="Release"/> it once sent.
    /// </summary>
    public ResponseBuffer Acquire(double nowSeconds, double refreshSeconds)
    {
        lock (_lock)
        {
            if (_current is null || _layoutDirty || !_rendered || nowSeconds - _lastRender >= refreshSeconds)
            {
                Render(nowSeconds);
            }
            ResponseBuffer buffer = _current!;
            buffer.Readers++;
            _scrapes++;
            _samplesServed += SeriesCount;
            _bytesServed += buffer.Bytes.Length - buffer.BodyOffset;
            return buffer;
        }
    }

    public void Release(ResponseBuffer buffer)
    {
        lock (_lock)
        {
            buffer.Readers--;
        }
    }

    /// <summary>Replaces a fraction of the pods by new ones (new name and uid: new series, the old ones go stale).</summary>
    public int Churn(double fraction)
    {
        lock (_lock)
        {
            int n = (int)Math.Round(_pods.Count * fraction, MidpointRounding.ToEven);
            if (n <= 0) return 0;
            var indexes = Enumerable.Range(0, _pods.Count).OrderBy(_ => _rng.Next()).Take(n).ToArray();
            foreach (int i in indexes) _pods[i].Renew(_rng);
            _churned = [.. indexes];
            var old = new Dictionary<string, Family>();
            foreach (Family f in _families) old[f.Name] = f;
            _families = Build(old);
            SeriesCount = CountSeries();
            _layoutDirty = true;
            _rendered = false;          // the next render starts a new dt, as targets.py's last = None
            return n;
        }
    }

    /// <summary>Lays the body out and renders it once without counting a scrape (done for every target before "ready").</summary>
    public void Prepare(double nowSeconds)
    {
        lock (_lock)
        {
            Render(nowSeconds);
        }
    }

    /// <summary>A copy of the body as the next scrape at <paramref name="nowSeconds"/> would get it (tests and --dump).</summary>
    public byte[] RenderBody(double nowSeconds, double refreshSeconds)
    {
        ResponseBuffer b = Acquire(nowSeconds, refreshSeconds);
        try
        {
            return b.Body.ToArray();
        }
        finally
        {
            Release(b);
        }
    }

    private int CountSeries()
    {
        int n = _hist?.SeriesCount ?? 0;
        foreach (Family f in _families) n += f.Count;
        return n;
    }

    private void Render(double nowSeconds)
    {
        long t0 = Stopwatch.GetTimestamp();
        double dt = _rendered ? nowSeconds - _lastRender : 0;
        _lastRender = nowSeconds;
        _rendered = true;
        Advance(dt);
        if (_layoutDirty || _current is null)
        {
            Layout();
        }
        else
        {
            ResponseBuffer target = _current.Readers == 0 ? _current : TakeSpare();
            if (!WriteValues(target))
            {
                Layout();                 // a value outgrew its slot: lay the body out again, wider
            }
            else if (!ReferenceEquals(target, _current))
            {
                _spares.Add(_current);
                _current = target;
            }
        }
        Renders++;
        RenderSeconds += Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }

    private ResponseBuffer TakeSpare()
    {
        for (int i = 0; i < _spares.Count; i++)
        {
            if (_spares[i].Readers == 0)
            {
                ResponseBuffer spare = _spares[i];
                _spares.RemoveAt(i);
                return spare;
            }
        }
        // Every buffer is being sent: copy the layout (values are rewritten right after).
        return new ResponseBuffer((byte[])_current!.Bytes.Clone(), _current.BodyOffset, _layoutVersion);
    }

    private void Advance(double dt)
    {
        int off = _rng.Next(NoisePool);
        foreach (Family f in _families)
        {
            Span<double> vals = CollectionsMarshal.AsSpan(f.Values);
            ReadOnlySpan<double> rates = CollectionsMarshal.AsSpan(f.Rates);
            switch (f.Kind)
            {
                case ValueKind.CounterFloat or ValueKind.CounterFloat2 or ValueKind.CounterInt:
                    if (dt <= 0) break;
                    for (int i = 0; i < vals.Length; i++)
                    {
                        vals[i] += rates[i] * s_noiseCounter[off] * dt;
                        off = (off + 1) & (NoisePool - 1);
                    }
                    break;
                case ValueKind.GaugeInt:
                    long mask = _k8s ? -4096 : -1;   // k8s: page-aligned, like cgroup memory stats
                    for (int i = 0; i < vals.Length; i++)
                    {
                        vals[i] = (long)(rates[i] * s_noiseGauge[off]) & mask;
                        off = (off + 1) & (NoisePool - 1);
                    }
                    break;
                case ValueKind.GaugeFloat:
                    for (int i = 0; i < vals.Length; i++)
                    {
                        vals[i] = Math.Round(rates[i] * s_noiseGauge[off], 4);
                        off = (off + 1) & (NoisePool - 1);
                    }
                    break;
            }
        }
        _hist?.Advance(dt, _rng);
    }

    private bool WriteValues(ResponseBuffer buffer)
    {
        Span<byte> bytes = buffer.Bytes;
        int body = buffer.BodyOffset;
        foreach (Family f in _families)
        {
            if (f.Kind == ValueKind.Const) continue;
            ReadOnlySpan<double> vals = CollectionsMarshal.AsSpan(f.Values);
            bool floor = f.Kind == ValueKind.CounterInt;
            for (int i = 0; i < vals.Length; i++)
            {
                double v = floor ? Math.Floor(vals[i]) : vals[i];
                if (!FixedWidth.TryWrite(f.Slots[i].In(bytes, body), v, f.Decimals[i])) return false;
            }
        }
        return _hist is null || _hist.WriteValues(bytes, body);
    }

    /// <summary>Lays the body out from scratch: text with zeroed slots sized for the headroom, then the values.</summary>
    private void Layout()
    {
        var body = new BodyBuilder();
        foreach (Family f in _families)
        {
            body.Append($"# HELP {f.Name} {f.Help}\n# TYPE {f.Name} {f.Type}\n");
            int n = f.Count;
            if (f.Kind == ValueKind.Const)
            {
                for (int i = 0; i < n; i++)
                {
                    body.Append(f.Prefixes[i]);
                    body.Append(FixedWidth.PythonRepr(f.Values[i]) + "\n");
                }
                continue;
            }
            f.Slots = new ValueSlot[n];
            f.Decimals = new byte[n];
            for (int i = 0; i < n; i++)
            {
                (double max, int decimals) = f.Kind switch
                {
                    ValueKind.CounterFloat => (f.Values[i] + f.Rates[i] * 1.5 * _headroomSeconds, 9),
                    ValueKind.CounterFloat2 => (f.Values[i] + f.Rates[i] * 1.5 * _headroomSeconds, 2),
                    ValueKind.CounterInt => (f.Values[i] + f.Rates[i] * 1.5 * _headroomSeconds, 0),
                    ValueKind.GaugeInt => (f.Rates[i] * 1.05, 0),
                    _ => (f.Rates[i] * 1.05, 4),
                };
                int intDigits = FixedWidth.IntegerDigits(Math.Max(max, f.Values[i]));
                decimals = Math.Min(decimals, 17 - intDigits);    // the scaled integer stays below 10^17
                body.Append(f.Prefixes[i]);
                f.Slots[i] = body.Slot(FixedWidth.Width(intDigits, decimals));
                f.Decimals[i] = (byte)decimals;
                body.Append("\n");
            }
        }
        _hist?.Layout(body, _headroomSeconds);

        byte[] length = Encoding.ASCII.GetBytes(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\r\n\r\n");
        int bodyOffset = s_header.Length + length.Length;
        var bytes = new byte[bodyOffset + body.Length];
        s_header.CopyTo(bytes, 0);
        length.CopyTo(bytes, s_header.Length);
        body.Written.CopyTo(bytes.AsSpan(bodyOffset));
        _layoutVersion++;
        _spares.Clear();                  // buffers still being sent keep their old layout and are dropped once sent
        var buffer = new ResponseBuffer(bytes, bodyOffset, _layoutVersion);
        if (!WriteValues(buffer))
        {
            throw new InvalidOperationException($"BUG: target {_idx}: a value does not fit the slot just sized for it");
        }
        _current = buffer;
        _layoutDirty = false;
    }

    private static double[] MakeNoise(int seed, bool gauge)
    {
        var rng = new Random(seed);
        var pool = new double[NoisePool];
        for (int i = 0; i < pool.Length; i++)
        {
            if (!gauge)
            {
                pool[i] = 0.5 + rng.NextDouble();
                continue;
            }
            // Box-Muller: N(1, 0.01), clipped to [0.95, 1.05].
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double g = 1.0 + 0.01 * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            pool[i] = Math.Clamp(g, 0.95, 1.05);
        }
        return pool;
    }
}
