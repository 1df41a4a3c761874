using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Argus.Config;
using Argus.Model;

namespace Argus.Collect.Relabel;

/// <summary>
/// Applies relabel configs in order, exactly as Prometheus's model/relabel Process: source label values joined by the
/// separator, anchored regex, Go template expansion, empty values delete labels, and a drop ends processing. Configs must have
/// passed the loader's validation. Thread-safe: no shared mutable state.
/// </summary>
public static class Relabeler
{
    [ThreadStatic]
    private static StringBuilder? t_join;

    /// <summary>Relabels <paramref name="input"/>; null when a keep/drop step dropped it. Returns the input itself when there
    /// are no configs.</summary>
    public static Labels? Process(Labels input, IReadOnlyList<RelabelConfig> cfgs)
    {
        if (cfgs.Count == 0) return input;
        var lb = input.ToBuilder();
        return Process(lb, cfgs) ? lb.Build() : null;
    }

    /// <summary>Relabels the builder in place (the metric_relabel_configs path: one builder reused per scrape);
    /// false when the series is dropped, in which case the builder's content is unspecified.</summary>
    public static bool Process(Labels.Builder lb, IReadOnlyList<RelabelConfig> cfgs)
    {
        for (int i = 0; i < cfgs.Count; i++)
        {
            if (!Apply(cfgs[i], lb)) return false;
        }
        return true;
    }

    private static bool Apply(RelabelConfig cfg, Labels.Builder lb)
    {
        string val = JoinSourceValues(cfg, lb);
        switch (cfg.Action)
        {
            case RelabelAction.Drop:
                if (cfg.Regex.IsMatch(val)) return false;
                break;
            case RelabelAction.Keep:
                if (!cfg.Regex.IsMatch(val)) return false;
                break;
            case RelabelAction.DropEqual:
                if (lb.Get(cfg.TargetLabel!) == val) return false;
                break;
            case RelabelAction.KeepEqual:
                if (lb.Get(cfg.TargetLabel!) != val) return false;
                break;
            case RelabelAction.Replace:
                Replace(cfg, lb, val);
                break;
            case RelabelAction.Lowercase:
                lb.Set(cfg.TargetLabel!, val.ToLowerInvariant());
                break;
            case RelabelAction.Uppercase:
                lb.Set(cfg.TargetLabel!, val.ToUpperInvariant());
                break;
            case RelabelAction.HashMod:
                lb.Set(cfg.TargetLabel!, HashMod(val, cfg.Modulus).ToString(CultureInfo.InvariantCulture));
                break;
            case RelabelAction.LabelMap:
                LabelMap(cfg, lb);
                break;
            case RelabelAction.LabelDrop:
                DropLabels(cfg, lb, dropMatching: true);
                break;
            case RelabelAction.LabelKeep:
                DropLabels(cfg, lb, dropMatching: false);
                break;
            default:
                throw new InvalidOperationException("BUG: unknown relabel action " + cfg.Action);
        }
        return true;
    }

    private static string JoinSourceValues(RelabelConfig cfg, Labels.Builder lb)
    {
        var names = cfg.SourceLabels;
        if (names.Count == 0) return "";
        if (names.Count == 1) return lb.Get(names[0]); // Fast path: no concatenation.
        var sb = t_join ??= new StringBuilder(64);
        sb.Clear();
        for (int i = 0; i < names.Count; i++)
        {
            if (i > 0) sb.Append(cfg.Separator);
            sb.Append(lb.Get(names[i]));
        }
        return sb.ToString();
    }

    private static void Replace(RelabelConfig cfg, Labels.Builder lb, string val)
    {
        string target = cfg.TargetLabel!;
        // Fast path to add or delete a label pair (as Prometheus): nothing to match against and nothing to expand.
        if (val.Length == 0 && cfg.Regex.IsDefault && !target.Contains('$') && !cfg.Replacement.Contains('$'))
        {
            lb.Set(target, cfg.Replacement);
            return;
        }
        var match = cfg.Regex.Regex.Match(val);
        if (!match.Success) return;
        string name = cfg.Regex.Expand(target, match);
        if (!LabelNameRules.IsValid(name)) return;
        string value = cfg.Regex.Expand(cfg.Replacement, match);
        if (value.Length == 0) lb.Del(name);
        else lb.Set(name, value);
    }

    /// <summary>Prometheus's hashmod: the last 8 bytes of MD5(value) read big-endian, modulo the modulus.</summary>
    public static ulong HashMod(string value, ulong modulus)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        Span<byte> bytes = max <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            int n = Encoding.UTF8.GetBytes(value, bytes);
            Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
            MD5.HashData(bytes[..n], hash);
            return BinaryPrimitives.ReadUInt64BigEndian(hash[8..]) % modulus;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void LabelMap(RelabelConfig cfg, Labels.Builder lb)
    {
        // Iterate over a snapshot: Prometheus's Builder.Range is unaffected by Set calls made while ranging.
        var snapshot = ArrayPool<Label>.Shared.Rent(lb.Current.Count);
        int count = lb.Current.Count;
        try
        {
            for (int i = 0; i < count; i++) snapshot[i] = lb.Current[i];
            for (int i = 0; i < count; i++)
            {
                var l = snapshot[i];
                if (l.Value.Length == 0) continue;
                var match = cfg.Regex.Regex.Match(l.Name);
                if (!match.Success) continue;
                string name = cfg.Regex.Expand(cfg.Replacement, match);
                if (name.Length > 0) lb.Set(name, l.Value);
            }
        }
        finally
        {
            ArrayPool<Label>.Shared.Return(snapshot, clearArray: true);
        }
    }

    private static void DropLabels(RelabelConfig cfg, Labels.Builder lb, bool dropMatching)
    {
        var current = lb.Current;
        for (int i = current.Count - 1; i >= 0; i--)
        {
            string name = current[i].Name;
            if (cfg.Regex.IsMatch(name) == dropMatching) lb.Del(name);
        }
    }
}
