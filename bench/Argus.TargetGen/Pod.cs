namespace Argus.TargetGen;

/// <summary>One pod of a target's node, as targets.py's Pod: churn renews its name, uid and IP (new series), the rest stays.</summary>
internal sealed class Pod
{
    public Pod(Random rng, int idx, int containers)
    {
        Namespace = Vocabulary.Namespaces[rng.Next(Vocabulary.Namespaces.Length)];
        App = Vocabulary.Apps[rng.Next(Vocabulary.Apps.Length)] + "-" + (idx % 7).ToString(System.Globalization.CultureInfo.InvariantCulture);
        ReplicaSet = HexId.Next(rng, 9);
        var names = new string[containers];
        names[0] = App[..App.IndexOf('-', StringComparison.Ordinal)];
        for (int i = 1; i < containers; i++) names[i] = Vocabulary.Sidecars[i - 1];
        Containers = names;
        Renew(rng);
    }

    public string Namespace { get; }

    public string App { get; }

    public string ReplicaSet { get; }

    public string[] Containers { get; }

    public string Name { get; private set; } = "";

    public string Uid { get; private set; } = "";

    public string Ip { get; private set; } = "";

    public void Renew(Random rng)
    {
        Name = $"{App}-{ReplicaSet}-{HexId.Next(rng, 5)}";
        Uid = $"{HexId.Next(rng, 8)}-{HexId.Next(rng, 4)}-{HexId.Next(rng, 4)}-{HexId.Next(rng, 4)}-{HexId.Next(rng, 12)}";
        Ip = $"10.{rng.Next(256)}.{rng.Next(256)}.{rng.Next(1, 255)}";
    }

    /// <summary>
    /// A generator seeded from the uid alone, so a rebuild after churn leaves untouched pods byte-identical (no accidental series
    /// churn). FNV-1a, because string.GetHashCode is randomized per process.
    /// </summary>
    public Random Rng()
    {
        uint h = 2166136261;
        foreach (char c in Uid)
        {
            h = (h ^ c) * 16777619;
        }
        return new Random((int)h);
    }
}
