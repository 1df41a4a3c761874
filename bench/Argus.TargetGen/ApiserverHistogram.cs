namespace Argus.TargetGen;

/// <summary>
/// apiserver_request_duration_seconds, as targets.py's Histogram: per (verb, resource) an exponential latency distribution whose
/// cumulative buckets, sum and count grow together, so every render is a consistent histogram.
/// </summary>
internal sealed class ApiserverHistogram
{
    public const string Name = "apiserver_request_duration_seconds";

    private readonly Combo[] _combos;

    public ApiserverHistogram(Random rng, int verbs, int resources)
    {
        var combos = new List<Combo>();
        foreach (string verb in Vocabulary.Verbs.AsSpan(0, verbs))
        {
            foreach (string resource in Vocabulary.Resources.AsSpan(0, resources))
            {
                double scale = Uniform(rng, 0.01, 0.4);      // typical latency (s)
                var cdf = new double[Vocabulary.Le.Length];
                for (int i = 0; i < cdf.Length; i++) cdf[i] = 1.0 - Math.Pow(2.718281828, -Vocabulary.Le[i] / scale);
                double rate = Uniform(rng, 1, 20);
                double count = Uniform(rng, 1e3, 1e5);
                combos.Add(new Combo(verb, resource, rate, count, cdf, scale));
            }
        }
        _combos = [.. combos];
    }

    /// <summary>Buckets (with +Inf), _sum and _count per combination.</summary>
    public int SeriesCount => _combos.Length * (Vocabulary.Le.Length + 3);

    public void Advance(double dt, Random rng)
    {
        if (dt <= 0) return;
        foreach (Combo c in _combos)
        {
            c.Count += c.Rate * dt * Uniform(rng, 0.5, 1.5);
        }
    }

    /// <summary>Appends the family's text with zero-filled value slots and records where each slot is.</summary>
    public void Layout(BodyBuilder body, double headroomSeconds)
    {
        body.Append($"# HELP {Name} Response latency distribution in seconds.\n# TYPE {Name} histogram\n");
        foreach (Combo c in _combos)
        {
            double maxCount = c.Count + c.Rate * 1.5 * headroomSeconds;
            int countWidth = FixedWidth.IntegerDigits(maxCount);
            int sumDecimals = Math.Min(6, 17 - FixedWidth.IntegerDigits(maxCount * c.Scale));
            int sumWidth = FixedWidth.Width(FixedWidth.IntegerDigits(maxCount * c.Scale), sumDecimals);
            string bucket = $"{Name}_bucket{{verb=\"{c.Verb}\",resource=\"{c.Resource}\",le=\"";
            for (int i = 0; i < Vocabulary.Le.Length; i++)
            {
                body.Append(bucket + Vocabulary.LeText[i] + "\"} ");
                c.Slots[i] = body.Slot(countWidth);
                body.Append("\n");
            }
            body.Append(bucket + "+Inf\"} ");
            c.Slots[Vocabulary.Le.Length] = body.Slot(countWidth);
            body.Append($"\n{Name}_sum{{verb=\"{c.Verb}\",resource=\"{c.Resource}\"}} ");
            c.SumSlot = body.Slot(sumWidth);
            c.SumDecimals = sumDecimals;
            body.Append($"\n{Name}_count{{verb=\"{c.Verb}\",resource=\"{c.Resource}\"}} ");
            c.CountSlot = body.Slot(countWidth);
            body.Append("\n");
        }
    }

    /// <summary>Rewrites every value slot from the current counts; false if a value outgrew its slot.</summary>
    public bool WriteValues(Span<byte> response, int bodyOffset)
    {
        foreach (Combo c in _combos)
        {
            double n = Math.Floor(c.Count);
            for (int i = 0; i < Vocabulary.Le.Length; i++)
            {
                if (!FixedWidth.TryWrite(c.Slots[i].In(response, bodyOffset), Math.Floor(n * c.Cdf[i]), 0)) return false;
            }
            if (!FixedWidth.TryWrite(c.Slots[Vocabulary.Le.Length].In(response, bodyOffset), n, 0)) return false;
            if (!FixedWidth.TryWrite(c.SumSlot.In(response, bodyOffset), n * c.Scale, c.SumDecimals)) return false;
            if (!FixedWidth.TryWrite(c.CountSlot.In(response, bodyOffset), n, 0)) return false;
        }
        return true;
    }

    private static double Uniform(Random rng, double a, double b) => a + (b - a) * rng.NextDouble();

    private sealed class Combo(string verb, string resource, double rate, double count, double[] cdf, double scale)
    {
        public string Verb { get; } = verb;
        public string Resource { get; } = resource;
        public double Rate { get; } = rate;
        public double Count { get; set; } = count;
        public double[] Cdf { get; } = cdf;
        public double Scale { get; } = scale;
        public ValueSlot[] Slots { get; } = new ValueSlot[Vocabulary.Le.Length + 1];
        public ValueSlot SumSlot { get; set; }
        public int SumDecimals { get; set; }
        public ValueSlot CountSlot { get; set; }
    }
}
